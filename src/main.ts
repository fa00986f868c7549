/** Composition root: wiring only. */
import { scenarioCatalog } from './scenarioCatalog.ts';
import { renderScenarioList } from './ui/scenarioList.ts';

const root = document.getElementById('ui');
if (!root) throw new Error('index.html lost its #ui element');
renderScenarioList(root, scenarioCatalog);

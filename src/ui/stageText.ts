/**
 * The words over the stage, shared by the live encounter and its replay: one caption line (speaker,
 * words, sound) and one name tag placed at a figure's anchor.
 */
import type { CaptionView, EncounterView } from '../engine/index.ts';
import type { FigureAnchor } from '../game/scenePort.ts';
import { h } from './dom.ts';

export function captionLine(
  caption: CaptionView,
  soundCaption: (key: string) => string | undefined,
): HTMLElement {
  const sound = caption.sound === undefined ? undefined : soundCaption(caption.sound);
  return h(
    'p',
    {
      class: `caption${caption.cue ? ` cue-${caption.cue}` : ''}${caption.speaker ? ' spoken' : ''}`,
    },
    caption.speaker ? h('span', { class: 'speaker' }, `${caption.speaker}: `) : null,
    caption.text,
    sound ? h('span', { class: 'sound-caption' }, ` [${sound}]`) : null,
  );
}

export function nameTag(
  anchor: FigureAnchor,
  view: EncounterView,
  names: ReadonlyMap<string, string>,
): HTMLElement {
  const figure = view.figures.find((f) => f.id === anchor.id);
  const tag = h(
    'span',
    { class: `name-tag${figure?.kind === 'trainee' ? ' you' : ''}` },
    names.get(anchor.id) ?? figure?.name ?? anchor.id,
  );
  tag.style.left = `${(anchor.x * 100).toFixed(2)}%`;
  tag.style.top = `${(anchor.y * 100).toFixed(2)}%`;
  return tag;
}

/**
 * Settings: volumes, captions and speech, text size, high contrast, reduced motion, the scene
 * clock and hint mode. Every change applies at once and is kept on the device.
 */
import type { Settings } from '../store/settingsStore.ts';
import { button, h } from './dom.ts';

export interface SettingsCommands {
  update(changes: Partial<Settings>): void;
  reset(): void;
  close(): void;
}

type BooleanKey = {
  [K in keyof Settings]: Settings[K] extends boolean ? K : never;
}[keyof Settings];
type VolumeKey = 'masterVolume' | 'voiceVolume' | 'effectsVolume';

const VOLUMES: Array<[VolumeKey, string]> = [
  ['masterVolume', 'Master volume'],
  ['voiceVolume', 'Voice volume'],
  ['effectsVolume', 'Effects volume'],
];

const SWITCHES: Array<[BooleanKey, string, string]> = [
  ['captions', 'Captions', 'Spoken lines and meaningful sounds shown as text.'],
  [
    'speech',
    'Read spoken lines aloud',
    "Uses your browser's voices where it has them. Captions stay on.",
  ],
  ['highContrast', 'High contrast', 'Stronger colours and outlines for projectors and low vision.'],
  ['reducedMotion', 'Reduced motion', 'People change pose without animation.'],
  [
    'showClock',
    'Show the scene clock and decision timer',
    'Hide them for a more realistic run; time still counts.',
  ],
  [
    'hintMode',
    'Hint mode',
    'Highlights people involved in a cue as it happens. For learning, not for assessment.',
  ],
];

export function renderSettings(
  root: HTMLElement,
  settings: Settings,
  commands: SettingsCommands,
): void {
  const form = h('form', { class: 'settings-form', 'aria-labelledby': 'settings-heading' });
  form.addEventListener('submit', (event) => event.preventDefault());

  const volumes = h('fieldset', {}, h('legend', {}, 'Sound'));
  for (const [key, label] of VOLUMES) {
    const id = `setting-${key}`;
    const input = h('input', {
      id,
      type: 'range',
      min: 0,
      max: 100,
      step: 5,
      value: Math.round(settings[key] * 100),
    });
    const output = h('output', { for: id }, `${Math.round(settings[key] * 100)}%`);
    input.addEventListener('input', () => {
      output.textContent = `${input.value}%`;
      commands.update({ [key]: Number(input.value) / 100 });
    });
    volumes.append(h('div', { class: 'field' }, h('label', { for: id }, label), input, output));
  }

  const display = h('fieldset', {}, h('legend', {}, 'Display and help'));
  const sizeId = 'setting-textSize';
  const size = h(
    'select',
    { id: sizeId },
    ...(['normal', 'large', 'x-large'] as const).map((value) =>
      h(
        'option',
        { value, selected: settings.textSize === value },
        { normal: 'Normal', large: 'Large', 'x-large': 'Extra large' }[value],
      ),
    ),
  );
  size.addEventListener('change', () =>
    commands.update({ textSize: size.value as Settings['textSize'] }),
  );
  display.append(h('div', { class: 'field' }, h('label', { for: sizeId }, 'Text size'), size));
  for (const [key, label, help] of SWITCHES) {
    const id = `setting-${key}`;
    const input = h('input', {
      id,
      type: 'checkbox',
      checked: settings[key],
      'aria-describedby': `${id}-help`,
    });
    input.addEventListener('change', () => commands.update({ [key]: input.checked }));
    const target = key === 'captions' || key === 'speech' ? volumes : display;
    target.append(
      h(
        'div',
        { class: 'field switch' },
        input,
        h('label', { for: id }, label),
        h('p', { id: `${id}-help`, class: 'help' }, help),
      ),
    );
  }

  form.append(volumes, display);
  const done = button('Done', () => commands.close(), { class: 'primary' });
  root.replaceChildren(
    h(
      'div',
      { class: 'settings screen' },
      h('h1', { id: 'settings-heading' }, 'Settings'),
      form,
      h(
        'div',
        { class: 'actions' },
        done,
        button('Reset to defaults', () => commands.reset()),
      ),
    ),
  );
  root.querySelector<HTMLElement>('h1')?.setAttribute('tabindex', '-1');
  root.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
}

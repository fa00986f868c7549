/** A small helper for building DOM: the overlay is plain DOM, no framework. */

type Attributes = Record<string, string | number | boolean | undefined>;
type Child = Node | string | null | undefined | false;

/**
 * Creates an element. Attributes whose value is false or undefined are left out; true sets an
 * empty attribute; `on*` functions are not supported here on purpose (use addEventListener).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

/** A button whose click handler gets the event's own timestamp (for timing input). */
export function button(
  label: string | Node,
  onPress: (timestamp: number, event: MouseEvent) => void,
  attributes: Attributes = {},
): HTMLButtonElement {
  const node = h('button', { type: 'button', ...attributes }, label);
  node.addEventListener('click', (event) => onPress(event.timeStamp, event));
  return node;
}

/** Text only for screen readers. */
export function srOnly(text: string): HTMLElement {
  return h('span', { class: 'sr-only' }, text);
}

/** Minutes and seconds, with tenths: 1:05.3. */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole - minutes * 60;
  return `${minutes}:${rest.toFixed(1).padStart(4, '0')}`;
}

/** "1 year", "3 years": a count with its noun, singular when it is one. */
export function years(count: number): string {
  return `${count} ${count === 1 ? 'year' : 'years'}`;
}

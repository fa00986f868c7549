/**
 * The keys of classroom mode, the same in the projector window and the presenter window.
 * Presentation clickers send Page Down (next), Page Up (back), B or period (black screen), so a
 * class can be run with a clicker alone; the keyboard adds the rest.
 */
import type { ClassCommand, ClassStatus } from '../../engine/index.ts';

/** What a key asks for: a command for the class run, or a thing only the window itself can do. */
export type ClassKeyAction =
  | { readonly kind: 'command'; readonly command: ClassCommand }
  | { readonly kind: 'fullscreen' }
  | { readonly kind: 'presenter' };

/** For the help line and the buttons' aria-keyshortcuts. */
export const CLASS_KEYS = {
  advance: 'PageDown',
  rewind: 'PageUp',
  blank: 'B',
  pause: 'K',
  signal: 'S',
  reveal: 'R',
  step: 'N',
  playVote: 'Enter',
  hands: '1 2 3 4',
  clearHands: '0',
  fullscreen: 'F',
  presenter: 'P',
  debrief: 'D',
} as const;

/**
 * The action for a key press, or undefined when classroom mode has no use for it. `status` is
 * the run as it stands: letters add hands only while a decision is open.
 */
export function classKeyAction(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>,
  status: ClassStatus | undefined,
): ClassKeyAction | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const command = (c: ClassCommand): ClassKeyAction => ({ kind: 'command', command: c });
  const key = event.key;
  switch (key) {
    case 'PageDown':
    case 'ArrowRight':
      return command({ type: 'advance' });
    case 'PageUp':
    case 'ArrowLeft':
      return command({ type: 'rewind' });
    case '.':
    case 'b':
    case 'B':
      return command({ type: 'blank' });
    case ' ':
    case 'k':
    case 'K':
      return status?.paused ? command({ type: 'resume' }) : command({ type: 'pause' });
    case 's':
    case 'S':
      return command({ type: 'signal' });
    case 'r':
    case 'R':
      return command({ type: 'reveal' });
    case 'n':
    case 'N':
      return command({ type: 'step' });
    case 'Enter':
      return command({ type: 'play-vote' });
    case '0':
      return command({ type: 'clear-hands' });
    case 'f':
    case 'F':
      return { kind: 'fullscreen' };
    case 'p':
    case 'P':
      return { kind: 'presenter' };
    case 'd':
    case 'D':
      return status?.phase === 'ended' ? command({ type: 'debrief' }) : undefined;
    default:
      break;
  }
  // Digits 1 to 4 add a hand to option A to D; with Shift, take one away. Letters would clash
  // with the clicker's B and the other keys, and Shift changes a digit's key but not its code.
  const digit = /^(?:Digit|Numpad)([1-4])$/.exec(event.code)?.[1];
  const option = digit === undefined ? undefined : status?.decision?.options[Number(digit) - 1];
  if (option) {
    return command({ type: 'adjust', option: option.id, delta: event.shiftKey ? -1 : 1 });
  }
  return undefined;
}

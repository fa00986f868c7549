/**
 * The link between the projector window and the presenter window: a BroadcastChannel, which
 * reaches every window of this game open in the same browser and nothing else, so a class needs
 * no network and no server. The projector is the one that plays; it sends its status, and the
 * presenter sends commands. Messages from the channel are checked before use, as any input is.
 */
import { z } from 'zod';
import { ClassCommandSchema, type ClassCommand, type ClassStatus } from '../../engine/index.ts';

export type ClassMessage =
  /** A window says it is there; the projector answers with its status. */
  | { readonly kind: 'hello'; readonly from: 'presenter' | 'projector' }
  | { readonly kind: 'status'; readonly status: ClassStatus }
  | { readonly kind: 'command'; readonly command: ClassCommand };

/** What a window needs of the channel; tests pass a pair of linked fakes. */
export interface ClassLink {
  post(message: ClassMessage): void;
  onMessage(listener: (message: ClassMessage) => void): () => void;
  close(): void;
}

export const CLASS_CHANNEL = 'dti-classroom';

const MessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hello'), from: z.enum(['presenter', 'projector']) }).strict(),
  // The status comes from our own projector code; only its shape is checked here.
  z.object({ kind: z.literal('status'), status: z.object({ phase: z.string() }).loose() }),
  z.object({ kind: z.literal('command'), command: ClassCommandSchema }).strict(),
]);

/** Pure: the message in `data`, or undefined when it is not one of ours. */
export function readClassMessage(data: unknown): ClassMessage | undefined {
  const parsed = MessageSchema.safeParse(data);
  return parsed.success ? (parsed.data as ClassMessage) : undefined;
}

/** The browser's channel, or undefined where BroadcastChannel does not exist. */
export function broadcastLink(name = CLASS_CHANNEL): ClassLink | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel(name);
  const listeners = new Set<(message: ClassMessage) => void>();
  channel.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = readClassMessage(event.data);
    if (!message) return;
    for (const listener of listeners) listener(message);
  });
  return {
    post: (message) => channel.postMessage(message),
    onMessage: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      listeners.clear();
      channel.close();
    },
  };
}

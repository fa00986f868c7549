/**
 * Spoken lines through the browser's own speech synthesis, used by both faces of the audio port.
 * Off by default: synthetic voices are uneven across machines and some instructors read the lines
 * aloud themselves, so speech is something a person switches on. The captions already carry every
 * word, so a missing speechSynthesis (old browsers, jsdom, locked-down kiosks) costs nothing and
 * must never throw.
 */

export interface Speaker {
  readonly id: string;
  readonly kind: string;
}

/** The part of a SpeechSynthesisVoice used to choose one. */
export interface VoiceLike {
  readonly name: string;
  readonly lang: string;
  readonly voiceURI: string;
}

/** The part of an utterance this module sets. */
export interface UtteranceLike {
  voice: unknown;
  volume: number;
  pitch: number;
  rate: number;
  lang: string;
}

/** The part of window.speechSynthesis this module uses. */
export interface SpeechSynthesisLike {
  speak(utterance: UtteranceLike): void;
  cancel(): void;
  pause(): void;
  resume(): void;
  getVoices(): readonly VoiceLike[];
}

export interface Speech {
  /** Whether this browser can speak at all. */
  readonly available: boolean;
  readonly enabled: boolean;
  setEnabled(enabled: boolean): void;
  /** Speaks when enabled and available; volume is 0 to 1, already mixed. */
  say(text: string, speaker: Speaker, volume: number): void;
  pause(): void;
  resume(): void;
  /** Drops the line being spoken and any queued. */
  cancel(): void;
}

export interface SpeechOptions {
  /** Defaults to window.speechSynthesis, when the browser has it. */
  readonly synthesis?: SpeechSynthesisLike | undefined;
  /** Defaults to `new SpeechSynthesisUtterance(text)`. */
  readonly makeUtterance?: ((text: string) => UtteranceLike) | undefined;
}

/**
 * FNV-1a: a small, stable string hash, so a speaker keeps the same voice on every run and every
 * machine with the same voices installed.
 */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The voice for a speaker: English voices when there are any (the scenarios are written in
 * English), sorted by URI so that the browser's listing order cannot change the choice, then one
 * picked by the speaker id's hash. Undefined when there are no voices yet (Chrome lists them late).
 */
export function chooseVoice<V extends VoiceLike>(
  voices: readonly V[],
  speakerId: string,
): V | undefined {
  const english = voices.filter((voice) => voice.lang.toLowerCase().startsWith('en'));
  const pool = [...(english.length > 0 ? english : voices)].sort((a, b) =>
    a.voiceURI < b.voiceURI ? -1 : a.voiceURI > b.voiceURI ? 1 : 0,
  );
  return pool[hash(speakerId) % Math.max(pool.length, 1)];
}

/**
 * A small, stable pitch offset per speaker (0.85 to 1.15), so two people who land on the same
 * voice still sound like two people.
 */
export function pitchFor(speakerId: string): number {
  return 0.85 + ((hash(`pitch:${speakerId}`) % 31) / 30) * 0.3;
}

function browserSynthesis(): SpeechSynthesisLike | undefined {
  try {
    return typeof window !== 'undefined' && 'speechSynthesis' in window
      ? window.speechSynthesis
      : undefined;
  } catch {
    return undefined;
  }
}

function browserUtterance(): ((text: string) => UtteranceLike) | undefined {
  return typeof SpeechSynthesisUtterance === 'function'
    ? (text) => new SpeechSynthesisUtterance(text)
    : undefined;
}

export function createSpeech(options: SpeechOptions = {}): Speech {
  const synthesis = options.synthesis ?? browserSynthesis();
  const makeUtterance = options.makeUtterance ?? browserUtterance();
  let enabled = false;

  // Speech engines fail in odd ways (no voices, a dead audio device); a failed line is only lost
  // sound, since the caption already shows it.
  const attempt = (action: (synth: SpeechSynthesisLike) => void): void => {
    if (!synthesis) return;
    try {
      action(synthesis);
    } catch {
      // Nothing to do: the words are in the captions.
    }
  };

  return {
    available: synthesis !== undefined && makeUtterance !== undefined,
    get enabled() {
      return enabled;
    },
    setEnabled(next) {
      enabled = next;
      if (!next) attempt((synth) => synth.cancel());
    },
    say(text, speaker, volume) {
      if (!enabled || !makeUtterance || text.trim() === '' || !(volume > 0)) return;
      attempt((synth) => {
        const utterance = makeUtterance(text);
        const voice = chooseVoice(synth.getVoices(), speaker.id);
        if (voice) {
          utterance.voice = voice;
          utterance.lang = voice.lang;
        }
        utterance.volume = Math.min(1, volume);
        utterance.pitch = pitchFor(speaker.id);
        utterance.rate = 1;
        synth.speak(utterance);
      });
    },
    pause: () => attempt((synth) => synth.pause()),
    resume: () => attempt((synth) => synth.resume()),
    cancel: () => attempt((synth) => synth.cancel()),
  };
}

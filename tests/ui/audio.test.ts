/**
 * The audio port: the Howler face's rules driven through a fake Howl factory (no Web Audio in
 * jsdom), the silent face, captions for every meaningful sound, and the sound files themselves.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { AssetManifest, SoundAsset } from '../../src/assets/manifest.ts';
import type { AudioStatus } from '../../src/audio/audioPort.ts';
import {
  bracketCaption,
  soundCaption,
  soundCaptionLine,
  soundEntry,
  UI_SOUNDS,
  uiSoundKey,
} from '../../src/audio/captions.ts';
import { createAudio } from '../../src/audio/createAudio.ts';
import {
  assetUrl,
  HowlerAudio,
  type SoundHandle,
  type SoundRequest,
} from '../../src/audio/howlerAudio.ts';
import { SilentAudio } from '../../src/audio/silentAudio.ts';
import {
  chooseVoice,
  createSpeech,
  type SpeechSynthesisLike,
  type UtteranceLike,
  type VoiceLike,
} from '../../src/audio/speech.ts';
import { PROJECT_ROOT, readAssetManifest } from '../../tools/scenarioFiles.ts';

const manifest = readAssetManifest();

/** Everything in assets/audio may weigh, both formats together. */
const AUDIO_BUDGET_BYTES = 1.5 * 1024 * 1024;

function sound(role: SoundAsset['role'], overrides: Partial<SoundAsset> = {}): SoundAsset {
  return {
    kind: 'sound',
    files: [`audio/${role}.ogg`, `audio/${role}.mp3`],
    role,
    caption: role === 'effect' ? 'Something happens' : null,
    loop: role === 'ambience',
    volume: 1,
    ...overrides,
  };
}

/** A small sound sheet with one sound of each role and volumes that are easy to multiply. */
const sheet: AssetManifest = {
  'night-lot': sound('ambience', { volume: 0.5 }),
  'street-day': sound('ambience'),
  'taser-crackle': sound('effect', { caption: 'Taser crackling', volume: 0.8 }),
  'door-slam': sound('effect', { caption: 'Door slams' }),
  ...Object.fromEntries(UI_SOUNDS.map((name) => [uiSoundKey(name), sound('ui', { volume: 0.5 })])),
  backdrop: { kind: 'backdrop', file: 'backdrops/x.svg', description: 'A place.' },
};

/** A Howl that does nothing but remember, with hooks to play the browser's part. */
class FakeSound implements SoundHandle {
  level: number;
  readonly playingIds = new Set<number>();
  readonly pausedIds = new Set<number>();
  readonly calls: string[] = [];
  private nextId = 1;

  constructor(readonly request: SoundRequest) {
    this.level = request.volume;
  }

  play(id?: number): number {
    const playing = id ?? this.nextId++;
    this.calls.push(id === undefined ? 'play' : `resume ${id}`);
    this.pausedIds.delete(playing);
    this.playingIds.add(playing);
    return playing;
  }
  pause(id?: number): void {
    this.calls.push(`pause ${id}`);
    for (const each of id === undefined ? [...this.playingIds] : [id]) {
      if (this.playingIds.delete(each)) this.pausedIds.add(each);
    }
  }
  stop(id?: number): void {
    this.calls.push(id === undefined ? 'stop' : `stop ${id}`);
    if (id === undefined) {
      this.playingIds.clear();
      this.pausedIds.clear();
    } else {
      this.playingIds.delete(id);
      this.pausedIds.delete(id);
    }
  }
  playing(id?: number): boolean {
    return id === undefined ? this.playingIds.size > 0 : this.playingIds.has(id);
  }
  volume(volume: number): void {
    this.level = volume;
  }

  failLoad(): void {
    this.request.onLoadError(new Error('404'));
  }
  failPlay(id: number): void {
    this.playingIds.delete(id);
    this.request.onPlayError(id, new Error('NotAllowedError'));
  }
  finish(id: number): void {
    this.playingIds.delete(id);
    this.request.onEnd(id);
  }
}

interface Rig {
  readonly audio: HowlerAudio;
  /** Every sound the port has made, by key. */
  readonly sounds: Map<string, FakeSound>;
  readonly statuses: AudioStatus[];
  readonly resume: ReturnType<typeof vi.fn<() => Promise<void>>>;
}

function rig(resume: () => Promise<void> = () => Promise.resolve()): Rig {
  const sounds = new Map<string, FakeSound>();
  const resumeContext = vi.fn(resume);
  const audio = new HowlerAudio({
    manifest: sheet,
    assetBase: './',
    createSound: (request) => {
      const fake = new FakeSound(request);
      sounds.set(request.key, fake);
      return fake;
    },
    resumeContext,
    speech: createSpeech({ synthesis: undefined }),
  });
  const statuses: AudioStatus[] = [];
  audio.onStatus((status) => statuses.push(status));
  return { audio, sounds, statuses, resume: resumeContext };
}

function made(sounds: Map<string, FakeSound>, key: string): FakeSound {
  const fake = sounds.get(key);
  if (!fake) throw new Error(`no sound was made for ${key}`);
  return fake;
}

/** Lets the resume promise settle. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('The Howler face', () => {
  describe('before the first gesture', () => {
    it('is locked and plays nothing', () => {
      const { audio, sounds } = rig();
      expect(audio.status).toBe('locked');
      audio.playEffect('taser-crackle');
      audio.playUi('signal');
      expect(sounds.size).toBe(0);
    });

    it('loads the ambience when asked but starts it only once unlocked', async () => {
      const { audio, sounds, statuses } = rig();
      audio.playAmbience('night-lot');
      const loop = made(sounds, 'night-lot');
      expect(loop.calls).toEqual([]);
      audio.unlock();
      expect(audio.status).toBe('ok');
      expect(loop.calls).toEqual(['play']);
      await settle();
      expect(statuses).toEqual(['ok']);
    });
  });

  describe('loading', () => {
    it('loads effects on first use, once, and asks for the ogg before the mp3', () => {
      const { audio, sounds } = rig();
      audio.unlock();
      audio.playEffect('door-slam');
      audio.playEffect('door-slam');
      const door = made(sounds, 'door-slam');
      expect(door.request.src).toEqual(['./audio/effect.ogg', './audio/effect.mp3']);
      expect(door.calls).toEqual(['play', 'play']);
      expect([...sounds.keys()]).toEqual(['door-slam']);
    });

    it('loads on a preload call without playing', () => {
      const { audio, sounds } = rig();
      audio.preload(['taser-crackle', 'door-slam']);
      expect([...sounds.keys()]).toEqual(['taser-crackle', 'door-slam']);
      expect(made(sounds, 'door-slam').calls).toEqual([]);
    });

    it('turns missing when a file fails to load, and the game carries on silently', async () => {
      const { audio, sounds, statuses } = rig();
      audio.unlock();
      await settle();
      audio.playEffect('taser-crackle');
      expect(() => made(sounds, 'taser-crackle').failLoad()).not.toThrow();
      expect(audio.status).toBe('missing');
      expect(() => audio.playEffect('taser-crackle')).not.toThrow();
      expect(made(sounds, 'taser-crackle').calls).toEqual(['play']);
      expect(statuses).toEqual(['ok', 'missing']);
    });

    it('turns missing for a key the manifest does not have as a sound', () => {
      const { audio, sounds } = rig();
      audio.unlock();
      expect(() => audio.playEffect('no-such-sound')).not.toThrow();
      expect(() => audio.playEffect('backdrop')).not.toThrow();
      expect(sounds.size).toBe(0);
      expect(audio.status).toBe('missing');
    });

    it('survives a factory that throws', () => {
      const audio = new HowlerAudio({
        manifest: sheet,
        assetBase: '/',
        createSound: () => {
          throw new Error('no audio');
        },
        resumeContext: () => Promise.resolve(),
      });
      audio.unlock();
      expect(() => audio.playEffect('door-slam')).not.toThrow();
      expect(audio.status).toBe('missing');
    });

    it('forgets a failed ambience but keeps the setting for the rest of the run', () => {
      const { audio, sounds } = rig();
      audio.unlock();
      audio.playAmbience('night-lot');
      made(sounds, 'night-lot').failLoad();
      audio.setPaused(true);
      audio.setPaused(false);
      expect(made(sounds, 'night-lot').calls).toEqual(['play']);
      expect(audio.status).toBe('missing');
    });
  });

  describe('when the browser refuses', () => {
    it('turns blocked on a play error, and ok again when a sound plays', () => {
      const { audio, sounds, statuses } = rig();
      audio.unlock();
      audio.playEffect('door-slam');
      const door = made(sounds, 'door-slam');
      expect(() => door.failPlay(1)).not.toThrow();
      expect(audio.status).toBe('blocked');
      audio.playEffect('door-slam');
      door.request.onPlay(2);
      expect(audio.status).toBe('blocked'); // the unlock is still being answered
      return settle().then(() => {
        door.request.onPlay(3);
        expect(audio.status).toBe('ok');
        expect(statuses).toEqual(['ok', 'blocked', 'ok']);
      });
    });

    it('turns blocked when the unlock is refused, and tries again at the next gesture', async () => {
      let allow = false;
      const { audio, statuses, resume } = rig(() =>
        allow ? Promise.resolve() : Promise.reject(new Error('suspended')),
      );
      audio.unlock();
      await settle();
      expect(audio.status).toBe('blocked');
      allow = true;
      audio.unlock();
      expect(audio.status).toBe('blocked');
      await settle();
      expect(audio.status).toBe('ok');
      expect(resume).toHaveBeenCalledTimes(2);
      expect(statuses).toEqual(['ok', 'blocked', 'ok']);
    });

    it('does not ask the browser again once sound is running', async () => {
      const { audio, resume } = rig();
      audio.unlock();
      await settle();
      audio.unlock();
      audio.unlock();
      expect(resume).toHaveBeenCalledTimes(1);
    });

    it('restarts the setting loop after a play error once the browser allows sound', async () => {
      let allow = true;
      const { audio, sounds } = rig(() =>
        allow ? Promise.resolve() : Promise.reject(new Error('suspended')),
      );
      audio.playAmbience('street-day');
      allow = false;
      audio.unlock();
      await settle();
      made(sounds, 'street-day').failPlay(1);
      allow = true;
      audio.unlock();
      await settle();
      expect(made(sounds, 'street-day').calls).toEqual(['play', 'play']);
    });
  });

  describe('the mix', () => {
    it('sets each sound to its own volume times effects times master', () => {
      const { audio, sounds } = rig();
      audio.setVolumes({ master: 0.5, voice: 1, effects: 0.5 });
      audio.unlock();
      audio.playEffect('taser-crackle');
      audio.playAmbience('night-lot');
      audio.playUi('select');
      expect(made(sounds, 'taser-crackle').level).toBeCloseTo(0.8 * 0.5 * 0.5);
      expect(made(sounds, 'night-lot').level).toBeCloseTo(0.5 * 0.5 * 0.5);
      expect(made(sounds, 'ui-select').level).toBeCloseTo(0.5 * 0.5 * 0.5);
    });

    it('applies new volumes to sounds already loaded', () => {
      const { audio, sounds } = rig();
      audio.unlock();
      audio.playEffect('taser-crackle');
      audio.setVolumes({ master: 0.5, voice: 0.2, effects: 1 });
      expect(made(sounds, 'taser-crackle').level).toBeCloseTo(0.4);
    });

    it('keeps volumes between 0 and 1', () => {
      const { audio, sounds } = rig();
      audio.unlock();
      audio.setVolumes({ master: 3, voice: -1, effects: Number.NaN });
      audio.playEffect('door-slam');
      expect(made(sounds, 'door-slam').level).toBe(0);
    });

    it('is muted at master volume 0, starts nothing, and brings the loop back when turned up', () => {
      const { audio, sounds, statuses } = rig();
      audio.unlock();
      audio.setVolumes({ master: 0, voice: 1, effects: 1 });
      expect(audio.status).toBe('muted');
      audio.playAmbience('night-lot');
      audio.playEffect('door-slam');
      expect(made(sounds, 'night-lot').calls).toEqual([]);
      expect(sounds.has('door-slam')).toBe(false);
      audio.setVolumes({ master: 0.7, voice: 1, effects: 1 });
      expect(audio.status).toBe('ok');
      expect(made(sounds, 'night-lot').calls).toEqual(['play']);
      expect(statuses).toEqual(['ok', 'muted', 'ok']);
    });

    it('says muted before locked: silence by choice needs no unlock', () => {
      const { audio } = rig();
      audio.setVolumes({ master: 0, voice: 1, effects: 1 });
      expect(audio.status).toBe('muted');
    });
  });

  describe('pausing', () => {
    it('holds what is playing and resumes the same playbacks', () => {
      const { audio, sounds } = rig();
      audio.unlock();
      audio.playAmbience('night-lot');
      audio.playEffect('door-slam');
      audio.setPaused(true);
      expect(made(sounds, 'night-lot').calls).toEqual(['play', 'pause 1']);
      expect(made(sounds, 'door-slam').calls).toEqual(['play', 'pause 1']);
      audio.setPaused(false);
      expect(made(sounds, 'night-lot').calls).toEqual(['play', 'pause 1', 'resume 1']);
      expect(made(sounds, 'door-slam').calls).toEqual(['play', 'pause 1', 'resume 1']);
    });

    it('does not resume an effect that had already finished', () => {
      const { audio, sounds } = rig();
      audio.unlock();
      audio.playEffect('door-slam');
      made(sounds, 'door-slam').finish(1);
      audio.setPaused(true);
      audio.setPaused(false);
      expect(made(sounds, 'door-slam').calls).toEqual(['play']);
    });

    it('drops effects asked for while paused but still plays interface tones', () => {
      const { audio, sounds } = rig();
      audio.unlock();
      audio.setPaused(true);
      audio.playEffect('door-slam');
      audio.playUi('pause');
      expect(sounds.has('door-slam')).toBe(false);
      expect(made(sounds, 'ui-pause').calls).toEqual(['play']);
    });

    it('holds a sound that only starts after the pause because it was still loading', () => {
      const { audio, sounds } = rig();
      audio.unlock();
      audio.playEffect('taser-crackle');
      const taser = made(sounds, 'taser-crackle');
      taser.playingIds.delete(1); // still loading: Howler has queued the play
      audio.setPaused(true);
      taser.playingIds.add(1);
      taser.request.onPlay(1);
      expect(taser.calls).toEqual(['play', 'pause 1']);
      audio.setPaused(false);
      expect(taser.calls).toEqual(['play', 'pause 1', 'resume 1']);
    });

    it('starts a setting chosen during the pause when play resumes', () => {
      const { audio, sounds } = rig();
      audio.unlock();
      audio.setPaused(true);
      audio.playAmbience('street-day');
      expect(made(sounds, 'street-day').calls).toEqual([]);
      audio.setPaused(false);
      expect(made(sounds, 'street-day').calls).toEqual(['play']);
    });
  });

  describe('the setting loop', () => {
    it('keeps running when the same setting is asked for again', () => {
      const { audio, sounds } = rig();
      audio.unlock();
      audio.playAmbience('night-lot');
      audio.playAmbience('night-lot');
      expect(made(sounds, 'night-lot').calls).toEqual(['play']);
    });

    it('stops the old loop when the setting changes, and stops for undefined', () => {
      const { audio, sounds } = rig();
      audio.unlock();
      audio.playAmbience('night-lot');
      audio.playAmbience('street-day');
      expect(made(sounds, 'night-lot').calls).toEqual(['play', 'stop 1']);
      audio.playAmbience(undefined);
      expect(made(sounds, 'street-day').calls).toEqual(['play', 'stop 1']);
    });

    it('stops everything on stopAll and forgets the setting', () => {
      const { audio, sounds } = rig();
      audio.unlock();
      audio.playAmbience('night-lot');
      audio.playEffect('door-slam');
      audio.stopAll();
      expect(made(sounds, 'night-lot').playing()).toBe(false);
      expect(made(sounds, 'door-slam').playing()).toBe(false);
      audio.setPaused(true);
      audio.setPaused(false);
      expect(made(sounds, 'night-lot').calls).toEqual(['play', 'stop']);
      audio.playAmbience('night-lot');
      expect(made(sounds, 'night-lot').calls).toEqual(['play', 'stop', 'play']);
    });
  });

  describe('status listeners', () => {
    it('are told once per change, never for a repeat, and can leave', () => {
      const { audio } = rig();
      const told: AudioStatus[] = [];
      const leave = audio.onStatus((status) => told.push(status));
      audio.setVolumes({ master: 0, voice: 1, effects: 1 });
      audio.setVolumes({ master: 0, voice: 0.5, effects: 1 });
      audio.setVolumes({ master: 1, voice: 1, effects: 1 });
      audio.setVolumes({ master: 0.8, voice: 1, effects: 1 });
      leave();
      audio.unlock();
      expect(told).toEqual(['muted', 'locked']);
    });
  });

  describe('speech', () => {
    function speakingRig() {
      const synthesis = new FakeSynthesis([
        voice('Zed', 'en-GB'),
        voice('Ana', 'en-US'),
        voice('Brigitte', 'fr-FR'),
      ]);
      const audio = new HowlerAudio({
        manifest: sheet,
        assetBase: '/',
        createSound: (request) => new FakeSound(request),
        resumeContext: () => Promise.resolve(),
        speech: createSpeech({ synthesis, makeUtterance: (text) => new FakeUtterance(text) }),
      });
      return { audio, synthesis };
    }

    it('is off by default', () => {
      const { audio, synthesis } = speakingRig();
      audio.unlock();
      audio.speak('Get off him.', { id: 'kim', kind: 'officer' });
      expect(synthesis.spoken).toEqual([]);
    });

    it('speaks at voice times master volume once switched on, and is silent while paused', () => {
      const { audio, synthesis } = speakingRig();
      audio.unlock();
      audio.setSpeech(true);
      audio.setVolumes({ master: 0.5, voice: 0.6, effects: 1 });
      audio.speak('Roll him on his side.', { id: 'kim', kind: 'officer' });
      expect(synthesis.spoken.map((line) => line.text)).toEqual(['Roll him on his side.']);
      expect(synthesis.spoken[0]?.volume).toBeCloseTo(0.3);
      audio.setPaused(true);
      audio.speak('Not now.', { id: 'kim', kind: 'officer' });
      expect(synthesis.spoken).toHaveLength(1);
      expect(synthesis.calls).toContain('pause');
    });

    it('cancels what is being said when switched off or stopped', () => {
      const { audio, synthesis } = speakingRig();
      audio.setSpeech(true);
      audio.stopAll();
      audio.setSpeech(false);
      expect(synthesis.calls).toEqual(['cancel', 'cancel']);
    });

    it('gives each speaker the same English voice every time, whatever the listing order', () => {
      const voices = [voice('Zed', 'en-GB'), voice('Ana', 'en-US'), voice('Brigitte', 'fr-FR')];
      const reversed = [...voices].reverse();
      for (const id of ['reyes', 'kim', 'man', 'emt', 'webb']) {
        const chosen = chooseVoice(voices, id);
        expect(chosen?.lang.startsWith('en')).toBe(true);
        expect(chooseVoice(reversed, id)).toBe(chosen);
      }
      expect(chooseVoice([], 'reyes')).toBeUndefined();
      expect(chooseVoice([voice('Brigitte', 'fr-FR')], 'reyes')?.name).toBe('Brigitte');
    });

    it('is safe where the browser has no speechSynthesis', () => {
      expect('speechSynthesis' in window).toBe(false);
      const speech = createSpeech();
      expect(speech.available).toBe(false);
      speech.setEnabled(true);
      expect(() => {
        speech.say('Hello.', { id: 'kim', kind: 'officer' }, 1);
        speech.pause();
        speech.resume();
        speech.cancel();
      }).not.toThrow();
    });

    it('swallows a speech engine that throws', () => {
      const synthesis = new FakeSynthesis([]);
      synthesis.speak = () => {
        throw new Error('audio device lost');
      };
      const speech = createSpeech({ synthesis, makeUtterance: (text) => new FakeUtterance(text) });
      speech.setEnabled(true);
      expect(() => speech.say('Hello.', { id: 'kim', kind: 'officer' }, 1)).not.toThrow();
    });
  });

  it('builds file URLs under any asset base', () => {
    expect(assetUrl('./', 'audio/x.ogg')).toBe('./audio/x.ogg');
    expect(assetUrl('/', 'audio/x.ogg')).toBe('/audio/x.ogg');
    expect(assetUrl('/dti', 'audio/x.ogg')).toBe('/dti/audio/x.ogg');
    expect(assetUrl('', 'audio/x.ogg')).toBe('audio/x.ogg');
  });
});

function voice(name: string, lang: string): VoiceLike {
  return { name, lang, voiceURI: `test:${name}` };
}

class FakeUtterance implements UtteranceLike {
  voice: unknown = null;
  volume = 1;
  pitch = 1;
  rate = 1;
  lang = '';
  constructor(readonly text: string) {}
}

class FakeSynthesis implements SpeechSynthesisLike {
  readonly spoken: FakeUtterance[] = [];
  readonly calls: string[] = [];
  constructor(private readonly voices: readonly VoiceLike[]) {}
  speak(utterance: UtteranceLike): void {
    this.spoken.push(utterance as FakeUtterance);
  }
  cancel(): void {
    this.calls.push('cancel');
  }
  pause(): void {
    this.calls.push('pause');
  }
  resume(): void {
    this.calls.push('resume');
  }
  getVoices(): readonly VoiceLike[] {
    return this.voices;
  }
}

describe('The silent face', () => {
  it('records what it was asked, in order', () => {
    const audio = new SilentAudio();
    audio.playAmbience('ambience-night-lot');
    audio.playEffect('taser-crackle');
    audio.playUi('signal');
    audio.speak('Get off him.', { id: 'kim', kind: 'officer' });
    audio.stopAll();
    expect(audio.played).toEqual([
      'ambience:ambience-night-lot',
      'effect:taser-crackle',
      'ui:signal',
      'stop',
    ]);
    expect(audio.spoken).toEqual(['Get off him.']);
    expect(audio.ambience).toBeUndefined();
  });

  it('is ok until the master volume goes to 0, and tells listeners each change once', () => {
    const audio = new SilentAudio();
    const told: AudioStatus[] = [];
    audio.onStatus((status) => told.push(status));
    expect(audio.status).toBe('ok');
    audio.setVolumes({ master: 0, voice: 1, effects: 1 });
    audio.setVolumes({ master: 0, voice: 0.5, effects: 1 });
    audio.setVolumes({ master: 1, voice: 1, effects: 1 });
    expect(told).toEqual(['muted', 'ok']);
  });

  it('stays muted when sound is switched off', () => {
    const audio = new SilentAudio({ off: true });
    audio.setVolumes({ master: 1, voice: 1, effects: 1 });
    expect(audio.status).toBe('muted');
  });

  it('never throws', () => {
    const audio = new SilentAudio();
    expect(() => {
      audio.unlock();
      audio.setSpeech(true);
      audio.speak('Hello.', { id: 'kim', kind: 'officer' });
      audio.setPaused(true);
      audio.setPaused(false);
      audio.preload(['door-slam']);
      audio.playAmbience(undefined);
      audio.stopAll();
    }).not.toThrow();
  });
});

describe('createAudio', () => {
  it('is silent with ?audio=off', () => {
    const audio = createAudio({
      manifest,
      assetBase: './',
      params: new URLSearchParams('audio=off'),
      soundAvailable: true,
    });
    expect(audio).toBeInstanceOf(SilentAudio);
    expect(audio.status).toBe('muted');
  });

  it('is silent where the browser cannot play sound (jsdom has no Web Audio)', () => {
    expect(
      createAudio({ manifest, assetBase: './', params: new URLSearchParams() }),
    ).toBeInstanceOf(SilentAudio);
  });

  it('uses Howler where sound is available, locked until a gesture', () => {
    const audio = createAudio({
      manifest,
      assetBase: './',
      params: new URLSearchParams('renderer=canvas'),
      soundAvailable: true,
    });
    expect(audio).toBeInstanceOf(HowlerAudio);
    expect(audio.status).toBe('locked');
  });
});

const soundKeys = Object.keys(manifest).filter((key) => soundEntry(manifest, key));

describe('Captions', () => {
  it('exist for every effect in the manifest', () => {
    const effects = soundKeys.filter((key) => soundEntry(manifest, key)?.role === 'effect');
    expect(effects.length).toBeGreaterThan(0);
    for (const key of effects) expect(soundCaption(manifest, key), key).toMatch(/\S/);
  });

  it.each(soundKeys)('%s has a caption if its role carries meaning', (key) => {
    const entry = soundEntry(manifest, key);
    const caption = soundCaption(manifest, key);
    if (entry?.role === 'effect') {
      expect(caption).toBeDefined();
      expect(soundCaptionLine(manifest, key)).toBe(`[${caption}]`);
      // Captions read as sentences in brackets: no brackets or full stop of their own.
      expect(caption).not.toMatch(/^\[|\]$|[^.]\.$/);
    }
    if (entry?.role === 'ui') expect(caption).toBeUndefined();
  });

  it('reads the manifest for the overlay', () => {
    expect(soundCaptionLine(manifest, 'taser-crackle')).toBe('[Taser crackling]');
    expect(soundCaption(manifest, 'ambience-crowd')).toBe('Crowd murmuring');
    expect(soundCaption(manifest, 'ambience-night-lot')).toBeUndefined();
    expect(soundCaption(manifest, 'ui-signal')).toBeUndefined();
    expect(soundCaption(manifest, 'parking-lot-night')).toBeUndefined();
    expect(soundCaption(manifest, 'no-such-sound')).toBeUndefined();
    expect(soundCaption(manifest, 'constructor')).toBeUndefined();
    expect(bracketCaption('Door slams')).toBe('[Door slams]');
  });

  it('has a sound in the manifest for every interface tone', () => {
    for (const name of UI_SOUNDS) expect(soundEntry(manifest, uiSoundKey(name))?.role).toBe('ui');
  });
});

describe('Sound files', () => {
  const audioDir = join(PROJECT_ROOT, 'assets', 'audio');

  it.each(soundKeys)('%s names an ogg then an mp3, both present and non-empty', (key) => {
    const files = soundEntry(manifest, key)?.files ?? [];
    expect(files.map((file) => file.slice(file.lastIndexOf('.')))).toEqual(['.ogg', '.mp3']);
    for (const file of files) {
      expect(statSync(join(PROJECT_ROOT, 'assets', file)).size, file).toBeGreaterThan(0);
    }
  });

  it('keeps assets/audio within its budget and holds only files the manifest names', () => {
    const named = new Set(
      soundKeys.flatMap((key) => soundEntry(manifest, key)?.files ?? []).map((file) => file),
    );
    const present = readdirSync(audioDir).map((name) => `audio/${name}`);
    expect(present.filter((file) => !named.has(file))).toEqual([]);
    const total = present.reduce(
      (sum, file) => sum + statSync(join(PROJECT_ROOT, 'assets', file)).size,
      0,
    );
    expect(total).toBeLessThan(AUDIO_BUDGET_BYTES);
  });
});

/**
 * Colours and looks for the stage: skin tones, uniforms, civilian clothes, cue colours. Pure data
 * and pure functions (no Phaser), so the choices are unit-tested and the same id always gets the
 * same look.
 */
import type { CueLevel, Rank } from '../engine/index.ts';

export type FigureKind = 'officer' | 'subject' | 'bystander' | 'victim' | 'medic' | 'trainee';
export type Build = 'slight' | 'medium' | 'heavy';
export type Height = 'short' | 'medium' | 'tall';
export type Hair = 'bald' | 'short' | 'medium' | 'long' | 'bun' | 'braids';

export interface Appearance {
  readonly skinTone: number;
  readonly build: Build;
  readonly height: Height;
  readonly hair: Hair;
}

/** Six skin tones from light to dark (1 to 6), natural browns without grey or caricature. */
export const SKIN_TONES = [0xf1cfb0, 0xe2b28c, 0xc68e64, 0xa06944, 0x7a4b2e, 0x563520] as const;

/** Hair colours, lightest last; darker skin tones draw mostly from the darker end. */
const HAIR_COLOURS = [0x17130f, 0x2e211a, 0x4b3223, 0x6e4a2e, 0x8e4a28, 0xb8925a, 0x9c9892];

export const UNIFORM = {
  shirt: 0x1f3358,
  shirtShade: 0x172845,
  trousers: 0x18243c,
  belt: 0x0e0f12,
  holster: 0x0b0b0d,
  shoe: 0x0a0a0c,
  badgeSilver: 0xd4dae3,
  badgeGold: 0xe9bb3c,
  insignia: 0xf4c52d,
  insigniaEdge: 0x6b4e00,
  ftoCord: 0x8fd0ff,
  radio: 0x0c0d10,
  taser: 0xf2d21b,
} as const;

export const MEDIC = {
  top: 0xc5e03a,
  topShade: 0xa9c22c,
  reflective: 0xe9eef2,
  trousers: 0x243a30,
  patch: 0x2a66d1,
  patchMark: 0xffffff,
  shoe: 0x1a1a1a,
} as const;

/** Civilian clothes. No navy tops, so nobody in plain clothes reads as an officer. */
const CIVILIAN_TOPS = [
  0xb8452f, 0x3f7d5a, 0xd9a441, 0x7a62c9, 0xe6dfcc, 0x4f86c6, 0xc8688a, 0x6d7780, 0x2f9090,
  0x9b2d4b, 0x7fb069,
];
const CIVILIAN_BOTTOMS = [0x4b6b99, 0x2a2a2c, 0x857357, 0x55595f, 0x6b4e3a, 0x3c4a3a];
const CIVILIAN_SHOES = [0x222222, 0xe8e8e8, 0x5a3b24, 0x3a3f4a];

export const CUE_COLOURS: Readonly<Record<CueLevel, number>> = {
  early: 0xffb300,
  warning: 0xff7a00,
  critical: 0xe3262f,
};

export const TRAINEE_MARKER = { ring: 0x8fdcff, fill: 0x8fdcff } as const;
export const PHONE = { body: 0x15171c, screen: 0xbfe6ff } as const;
export const HAMMER = { head: 0x6f7680, handle: 0x8a5a2b } as const;
export const WIRE = 0xf7f1c8;
export const SPARK = 0xd9f3ff;
export const CUFFS = 0xd8dde3;
export const FALLBACK_BACKDROP = { top: 0x262a33, floor: 0x3a3d44, line: 0x4a4e57 } as const;

export interface Outfit {
  readonly top: number;
  readonly topShade: number;
  readonly bottom: number;
  readonly shoe: number;
  /** Short sleeves show the forearm's skin. */
  readonly shortSleeves: boolean;
  readonly uniform: 'police' | 'medic' | 'civilian';
}

export interface Look {
  readonly appearance: Appearance;
  readonly skin: number;
  readonly skinShade: number;
  readonly hair: number;
  readonly outfit: Outfit;
  /** Police rank insignia, for officers and the trainee. */
  readonly insignia: Insignia | undefined;
}

/** What a police rank shows on the uniform. */
export interface Insignia {
  readonly serviceStripes: number;
  readonly chevrons: number;
  readonly collarBars: number;
  readonly ftoCord: boolean;
  readonly goldBadge: boolean;
}

/** The insignia for a rank (an officer without a rank is drawn as a plain officer). */
export function insigniaFor(rank: Rank | undefined): Insignia {
  switch (rank) {
    case 'recruit':
    case 'probationary-officer':
      return { serviceStripes: 0, chevrons: 0, collarBars: 0, ftoCord: false, goldBadge: false };
    case 'senior-officer':
      return { serviceStripes: 2, chevrons: 0, collarBars: 0, ftoCord: true, goldBadge: false };
    // Chevrons alone on the sleeve for corporals and sergeants, so the count is what one reads.
    case 'corporal':
      return { serviceStripes: 0, chevrons: 2, collarBars: 0, ftoCord: false, goldBadge: false };
    case 'sergeant':
      return { serviceStripes: 0, chevrons: 3, collarBars: 0, ftoCord: false, goldBadge: true };
    case 'lieutenant':
      return { serviceStripes: 0, chevrons: 0, collarBars: 1, ftoCord: false, goldBadge: true };
    case 'captain':
      return { serviceStripes: 0, chevrons: 0, collarBars: 2, ftoCord: false, goldBadge: true };
    case 'officer':
    case undefined:
      return { serviceStripes: 1, chevrons: 0, collarBars: 0, ftoCord: false, goldBadge: false };
  }
}

/** A small deterministic string hash (FNV-1a), so looks never change between runs. */
export function hashString(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

function pick<T>(list: readonly T[], seed: number): T {
  const item = list[seed % list.length];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const BUILDS: readonly Build[] = ['slight', 'medium', 'heavy'];
const HEIGHTS: readonly Height[] = ['short', 'medium', 'tall'];
const HAIRS: readonly Hair[] = ['bald', 'short', 'medium', 'long', 'bun', 'braids', 'short'];

/** The cast member's appearance, or a varied default chosen by id. */
export function appearanceFor(id: string, given: Partial<Appearance> | undefined): Appearance {
  const h = hashString(id);
  return {
    skinTone: clampTone(given?.skinTone ?? 1 + (h % 6)),
    build: given?.build ?? pick(BUILDS, h >>> 4),
    height: given?.height ?? pick(HEIGHTS, h >>> 8),
    hair: given?.hair ?? pick(HAIRS, h >>> 12),
  };
}

function clampTone(tone: number): number {
  return Math.min(6, Math.max(1, Math.round(tone)));
}

export function skinColour(tone: number): number {
  return SKIN_TONES[clampTone(tone) - 1] ?? SKIN_TONES[2];
}

/** Multiplies each channel by `factor` (below 1 darkens, above 1 lightens, clamped). */
export function shade(colour: number, factor: number): number {
  const r = Math.min(255, Math.round(((colour >> 16) & 0xff) * factor));
  const g = Math.min(255, Math.round(((colour >> 8) & 0xff) * factor));
  const b = Math.min(255, Math.round((colour & 0xff) * factor));
  return (r << 16) | (g << 8) | b;
}

function hairColour(tone: number, seed: number): number {
  // Darker skin tones mostly get the dark browns and black; everyone can go grey.
  const range = tone >= 4 ? 3 : HAIR_COLOURS.length - 1;
  if (seed % 11 === 0) return HAIR_COLOURS[HAIR_COLOURS.length - 1] ?? 0x9c9892;
  return pick(HAIR_COLOURS.slice(0, range), seed >>> 3);
}

export interface LookInput {
  readonly id: string;
  readonly kind: FigureKind;
  readonly rank: Rank | undefined;
  readonly appearance: Partial<Appearance> | undefined;
  /** People at the back of a crowd: clothes a little darker, so the action in front reads first. */
  readonly background?: boolean;
  /** An officer out of uniform: street clothes, no insignia. */
  readonly plainClothes?: boolean;
}

/** Everything needed to draw a person: appearance, colours and insignia. */
export function lookFor(figure: LookInput): Look {
  const appearance = appearanceFor(figure.id, figure.appearance);
  const h = hashString(`${figure.id}/clothes`);
  const skin = skinColour(appearance.skinTone);
  const police =
    (figure.kind === 'officer' || figure.kind === 'trainee') && figure.plainClothes !== true;
  const outfit: Outfit = police
    ? {
        top: UNIFORM.shirt,
        topShade: UNIFORM.shirtShade,
        bottom: UNIFORM.trousers,
        shoe: UNIFORM.shoe,
        shortSleeves: false,
        uniform: 'police',
      }
    : figure.kind === 'medic'
      ? {
          top: MEDIC.top,
          topShade: MEDIC.topShade,
          bottom: MEDIC.trousers,
          shoe: MEDIC.shoe,
          shortSleeves: false,
          uniform: 'medic',
        }
      : civilianOutfit(h, skin, figure.background === true);
  return {
    appearance,
    skin,
    skinShade: shade(skin, 0.78),
    hair: hairColour(appearance.skinTone, hashString(`${figure.id}/hair`)),
    outfit,
    insignia: police ? insigniaFor(figure.rank) : undefined,
  };
}

/** Relative luminance (0-1) of a colour, for keeping clothes apart from skin. */
export function luminance(colour: number): number {
  const channel = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return (
    0.2126 * channel((colour >> 16) & 0xff) +
    0.7152 * channel((colour >> 8) & 0xff) +
    0.0722 * channel(colour & 0xff)
  );
}

/** WCAG-style contrast ratio between two colours (1 to 21). */
export function contrast(a: number, b: number): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function civilianOutfit(seed: number, skin: number, background: boolean): Outfit {
  // The first top from the seed's place on that stands apart from the skin.
  let top = pick(CIVILIAN_TOPS, seed);
  for (let i = 0; i < CIVILIAN_TOPS.length; i++) {
    const candidate = pick(CIVILIAN_TOPS, seed + i);
    if (contrast(candidate, skin) >= 2) {
      top = candidate;
      break;
    }
  }
  const dim = background ? 0.78 : 1;
  return {
    top: shade(top, dim),
    topShade: shade(top, 0.8 * dim),
    bottom: shade(pick(CIVILIAN_BOTTOMS, seed >>> 5), dim),
    shoe: pick(CIVILIAN_SHOES, seed >>> 9),
    shortSleeves: (seed >>> 13) % 3 === 0,
    uniform: 'civilian',
  };
}

/** The outline round a figure: a quiet rim that separates it from the backdrop, or a cue colour. */
export function outlineStyle(
  cue: CueLevel | undefined,
  hintMode: boolean,
  night: boolean,
  highContrast: boolean,
): {
  readonly colour: number;
  readonly alpha: number;
  readonly width: number;
  readonly pulse: boolean;
} {
  if (hintMode && cue !== undefined)
    return { colour: CUE_COLOURS[cue], alpha: 1, width: 7, pulse: true };
  if (highContrast)
    return { colour: night ? 0xffffff : 0x000000, alpha: 0.95, width: 4, pulse: false };
  return {
    colour: night ? 0xb9c3d8 : 0x262626,
    alpha: night ? 0.42 : 0.3,
    width: 2.5,
    pulse: false,
  };
}

/** How people look on the stage: skin tones, uniforms and insignia, clothes, outlines, poses. */
import { describe, expect, it } from 'vitest';
import { RANKS } from '../../src/engine/index.ts';
import {
  CUE_COLOURS,
  SKIN_TONES,
  UNIFORM,
  appearanceFor,
  contrast,
  insigniaFor,
  lookFor,
  luminance,
  outlineStyle,
} from '../../src/game/palette.ts';
import { POSES, POSE_NAMES, Skeleton, dimsFor, solvePose } from '../../src/game/poses.ts';

describe('skin tones', () => {
  it('run from light (1) to dark (6)', () => {
    const lum = SKIN_TONES.map(luminance);
    for (let i = 1; i < lum.length; i++) expect(lum[i]).toBeLessThan(lum[i - 1] ?? 1);
  });

  it('come from the appearance when given, and vary by id when not', () => {
    expect(
      appearanceFor('x', { skinTone: 5, build: 'heavy', height: 'tall', hair: 'braids' }),
    ).toEqual({
      skinTone: 5,
      build: 'heavy',
      height: 'tall',
      hair: 'braids',
    });
    const ids = Array.from({ length: 24 }, (_, i) => `person-${i}`);
    const tones = new Set(ids.map((id) => appearanceFor(id, undefined).skinTone));
    const hairs = new Set(ids.map((id) => appearanceFor(id, undefined).hair));
    expect(tones.size).toBeGreaterThanOrEqual(4);
    expect(hairs.size).toBeGreaterThanOrEqual(4);
    // The same id always gets the same look.
    expect(appearanceFor('person-3', undefined)).toEqual(appearanceFor('person-3', undefined));
  });
});

describe('rank insignia', () => {
  it('shows every rank differently', () => {
    const shown = RANKS.filter((r) => r !== 'recruit').map((rank) =>
      JSON.stringify(insigniaFor(rank)),
    );
    expect(new Set(shown).size).toBe(shown.length);
  });

  it('follows the department pattern', () => {
    expect(insigniaFor('probationary-officer')).toMatchObject({
      serviceStripes: 0,
      chevrons: 0,
      collarBars: 0,
    });
    expect(insigniaFor('officer')).toMatchObject({ serviceStripes: 1, chevrons: 0 });
    expect(insigniaFor('senior-officer')).toMatchObject({ ftoCord: true, chevrons: 0 });
    expect(insigniaFor('senior-officer').serviceStripes).toBeGreaterThan(1);
    expect(insigniaFor('corporal')).toMatchObject({ chevrons: 2 });
    expect(insigniaFor('sergeant')).toMatchObject({ chevrons: 3 });
    expect(insigniaFor('lieutenant')).toMatchObject({ collarBars: 1, chevrons: 0 });
    expect(insigniaFor('captain')).toMatchObject({ collarBars: 2, chevrons: 0 });
  });
});

describe('clothes', () => {
  it('puts an officer or trainee out of uniform in street clothes, without insignia', () => {
    for (const kind of ['officer', 'trainee'] as const) {
      const look = lookFor({
        id: kind,
        kind,
        rank: 'sergeant',
        appearance: undefined,
        plainClothes: true,
      });
      expect(look.outfit.uniform).toBe('civilian');
      expect(look.insignia).toBeUndefined();
    }
  });

  it('puts officers and the trainee in navy with insignia, and nobody else', () => {
    for (const kind of ['officer', 'trainee'] as const) {
      const look = lookFor({ id: kind, kind, rank: 'sergeant', appearance: undefined });
      expect(look.outfit.top).toBe(UNIFORM.shirt);
      expect(look.insignia?.chevrons).toBe(3);
    }
    for (const kind of ['subject', 'victim', 'bystander', 'medic'] as const) {
      const look = lookFor({ id: kind, kind, rank: undefined, appearance: undefined });
      expect(look.outfit.top).not.toBe(UNIFORM.shirt);
      expect(look.insignia).toBeUndefined();
    }
    expect(
      lookFor({ id: 'm', kind: 'medic', rank: undefined, appearance: undefined }).outfit.uniform,
    ).toBe('medic');
  });

  it('dresses civilians in colours that stand apart from their skin', () => {
    for (let i = 0; i < 60; i++) {
      const look = lookFor({
        id: `civilian-${i}`,
        kind: 'bystander',
        rank: undefined,
        appearance: { skinTone: (i % 6) + 1, build: 'medium', height: 'medium', hair: 'short' },
      });
      expect(contrast(look.outfit.top, look.skin)).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('outlines', () => {
  it('take the cue colour only in hint mode', () => {
    expect(outlineStyle('critical', true, true, false)).toMatchObject({
      colour: CUE_COLOURS.critical,
      pulse: true,
    });
    expect(outlineStyle('early', true, false, false).colour).toBe(CUE_COLOURS.early);
    const quiet = outlineStyle('critical', false, true, false);
    expect(quiet.pulse).toBe(false);
    expect(Object.values(CUE_COLOURS)).not.toContain(quiet.colour);
    expect(outlineStyle(undefined, true, true, false).pulse).toBe(false);
  });
});

describe('poses', () => {
  const dims = dimsFor({ build: 'medium', height: 'medium' });

  it('stand every pose on the ground', () => {
    for (const name of POSE_NAMES) {
      const skel = solvePose(POSES[name], dims, new Skeleton());
      expect(skel.lift, name).toBeGreaterThan(0);
      // Nothing that touches the ground ends up below it.
      for (const y of [skel.ankleNY, skel.ankleFY, skel.kneeNY, skel.kneeFY, skel.headY]) {
        expect(y, name).toBeLessThanOrEqual(1);
      }
    }
  });

  it('make a standing person about 300 units tall and a person lying down low', () => {
    const standing = solvePose(POSES.stand, dims, new Skeleton());
    expect(-standing.top).toBeGreaterThan(280);
    expect(-standing.top).toBeLessThan(320);
    for (const name of ['prone', 'prone-cuffed', 'supine', 'side'] as const) {
      expect(-solvePose(POSES[name], dims, new Skeleton()).top, name).toBeLessThan(110);
    }
  });

  it('turns a prone body onto its back without moving the head to the other end', () => {
    const prone = solvePose(POSES.prone, dims, new Skeleton());
    const supine = solvePose(POSES.supine, dims, new Skeleton());
    expect(Math.sign(prone.headX)).toBe(Math.sign(supine.headX));
    expect(prone.headX).toBeGreaterThan(80);
  });

  it('raises the knee that goes on a neck off the ground', () => {
    const skel = solvePose(POSES['knee-neck'], dims, new Skeleton());
    expect(skel.kneeFY).toBeLessThan(-20);
    expect(skel.kneeNY).toBeGreaterThan(-16);
  });

  it('gives a tall person a taller skeleton scale', () => {
    expect(dimsFor({ build: 'slight', height: 'tall' }).scale).toBeGreaterThan(
      dimsFor({ build: 'slight', height: 'short' }).scale,
    );
    expect(dimsFor({ build: 'heavy', height: 'medium' }).torsoW).toBeGreaterThan(
      dimsFor({ build: 'slight', height: 'medium' }).torsoW,
    );
  });
});

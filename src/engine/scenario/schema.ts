/**
 * The scenario file format: the single source of truth.
 *
 * Types are inferred from these zod schemas, `scenarios/scenario.schema.json` is generated from
 * them (`npm run generate`), and `scenarios/README.md` documents every field. Change all three in
 * one commit, and bump SCENARIO_SCHEMA_VERSION with a migration when an old file would no longer
 * parse.
 */
import { z } from 'zod';
import { RANKS } from './ranks.ts';

export { RANKS } from './ranks.ts';

/** The newest scenario format this engine reads. */
export const SCENARIO_SCHEMA_VERSION = 1;

/**
 * Ids become XState state names and appear in logs, so they are lower-case kebab words: no dots
 * (XState reads dots as paths), no spaces, no leading digit.
 */
export const ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const IdSchema = z
  .string()
  .regex(ID_PATTERN, { error: 'ids are lower-case words joined by hyphens, like "cant-breathe"' })
  .describe('A lower-case kebab id such as "cant-breathe": letters, digits and single hyphens.');
export type Id = z.infer<typeof IdSchema>;

/** How good an option is for this moment. Every rating carries a reason and a reference. */
export const RatingSchema = z
  .enum(['best', 'acceptable', 'poor', 'harmful'])
  .describe('best / acceptable / poor / harmful, for this moment of this scenario.');
export type Rating = z.infer<typeof RatingSchema>;

/** The 3 D's (SEED-IACP): the ways to intervene. */
export const InterventionStyleSchema = z
  .enum(['distract', 'direct', 'delegate'])
  .describe('The 3 Ds: distract, direct or delegate.');
export type InterventionStyle = z.infer<typeof InterventionStyleSchema>;

/** Cue classes from the domain brief: E early warning, W misconduct starting, C critical. */
export const CueLevelSchema = z.enum(['early', 'warning', 'critical']);
export type CueLevel = z.infer<typeof CueLevelSchema>;

/**
 * Decision windows on the scenario clock. `clear`: nothing calls for intervention (lawful force,
 * or nothing wrong yet): a signal is a false alarm and stepping in is over-intervention.
 * `green` prevents the harm, `amber` limits it, `red` comes after harm has started, `late` after
 * the harm point.
 */
export const WindowSchema = z.enum(['clear', 'green', 'amber', 'red', 'late']);
export type Window = z.infer<typeof WindowSchema>;
export const WINDOWS = WindowSchema.options;

/** The stages a decision can belong to (stage 1, seeing, is the signal, not a decision). */
export const DecisionStageSchema = z
  .enum(['determine', 'commit', 'choose', 'act', 'report'])
  .describe(
    'determine (stage 2: is action required?), commit (stage 3: take personal responsibility), ' +
      'choose (stage 4: which D), act (stage 5: carry it out), report (after action).',
  );
export type DecisionStage = z.infer<typeof DecisionStageSchema>;

export const RankSchema = z.enum(RANKS);

/** Barriers to intervening (domain brief 3.1), tagged on the options that voice them. */
export const BarrierSchema = z.enum([
  'loyalty',
  'retaliation',
  'career',
  'not-my-business',
  'rank',
  'rookie-deference',
  'diffusion',
  'pluralistic-ignorance',
  'task-fixation',
  'not-knowing-what-to-say',
  'fear-of-being-wrong',
]);
export type Barrier = z.infer<typeof BarrierSchema>;

/** Motions the scene knows how to draw. New motions are added here and in the renderer together. */
export const MotionSchema = z.enum([
  'approach',
  'handcuff',
  'knee-on-back',
  'knee-on-neck',
  'hold-legs',
  'roll-to-side',
  'sit-up',
  'check-pulse',
  'cpr',
  'strike',
  'kick',
  'taser',
  'shove',
  'grab-phone',
  'search',
  'pocket-item',
  'point',
  'step-between',
  'takedown',
  'raise-weapon',
  'flee',
  'film',
  'radio',
  'collapse',
  'struggle',
]);
export type Motion = z.infer<typeof MotionSchema>;

/** A key in `assets/manifest.json`. Scenarios name assets by key, never by path. */
export const AssetKeySchema = IdSchema.describe('A key listed in assets/manifest.json.');

const seconds = (what: string) =>
  z.number().nonnegative({ error: `${what} is seconds on the scenario clock: 0 or more` });

// ---------------------------------------------------------------------------------------------
// People

export const AppearanceSchema = z
  .object({
    skinTone: z.number().int().min(1).max(6).describe('1 (lightest) to 6 (darkest).'),
    build: z.enum(['slight', 'medium', 'heavy']),
    height: z.enum(['short', 'medium', 'tall']).default('medium'),
    hair: z.enum(['bald', 'short', 'medium', 'long', 'bun', 'braids']).default('short'),
  })
  .strict()
  .describe('How the figure is drawn. Vary it across the library.');

export const CastMemberSchema = z
  .object({
    id: IdSchema,
    name: z.string().min(1).describe('Display name, e.g. "Senior Officer Reyes". Fictional.'),
    kind: z
      .enum(['officer', 'subject', 'bystander', 'victim', 'medic', 'supervisor-offscene'])
      .describe('What the person is in the scene. Officers must have a rank.'),
    rank: RankSchema.optional().describe('Required for officers.'),
    title: z.string().optional().describe('A title to show instead of the rank, e.g. "Deputy".'),
    yearsOfService: z.number().int().nonnegative().optional(),
    fieldTrainingOfficer: z.boolean().default(false),
    description: z.string().min(1).describe('One or two sentences an instructor can read aloud.'),
    appearance: AppearanceSchema.optional(),
    plainClothes: z
      .boolean()
      .default(false)
      .describe('An officer out of uniform (off duty, a detective): drawn in street clothes.'),
    arrivesLater: z
      .boolean()
      .default(false)
      .describe(
        'Off stage until their first beat as actor, then they walk in (a sergeant who is called, a unit that arrives). Medics always do this.',
      ),
  })
  .strict();
export type CastMember = z.infer<typeof CastMemberSchema>;

export const TraineeSchema = z
  .object({
    rank: RankSchema,
    yearsOfService: z.number().nonnegative(),
    role: z.string().min(1).describe('Where the trainee stands in this scene.'),
    onDuty: z.boolean().default(true),
    inUniform: z.boolean().default(true),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// The scene

export const CueSchema = z
  .object({
    level: CueLevelSchema,
    note: z.string().min(1).describe('What the trainee should have noticed, for the debrief.'),
  })
  .strict();
export type Cue = z.infer<typeof CueSchema>;

export const BeatSchema = z
  .object({
    id: IdSchema,
    at: seconds('at').describe('Seconds after the segment starts.'),
    speaker: IdSchema.optional().describe(
      'Cast id of whoever says `line` ("trainee" for the trainee).',
    ),
    line: z.string().optional().describe('Words spoken, captioned with the speaker.'),
    caption: z.string().optional().describe('What happens, for captions and screen readers.'),
    actor: IdSchema.optional().describe('Cast id of whoever moves ("trainee" for the trainee).'),
    motion: MotionSchema.optional(),
    target: IdSchema.optional().describe('Cast id the motion is done to.'),
    sound: AssetKeySchema.optional(),
    cue: CueSchema.optional().describe('Marks the beat as something the trainee should notice.'),
    harmPoint: z
      .boolean()
      .default(false)
      .describe('The moment damage is done if nobody has intervened.'),
    prompt: IdSchema.optional().describe(
      'A decision this beat puts to the trainee, if the trainee is watching or has finished stepping in (not while at another decision).',
    ),
  })
  .strict();
export type Beat = z.infer<typeof BeatSchema>;

export const TargetSchema = z.union([
  z.object({ segment: IdSchema }).strict(),
  z.object({ outcome: IdSchema }).strict(),
]);
export type Target = z.infer<typeof TargetSchema>;

export const WindowMarkSchema = z
  .object({
    from: seconds('from').describe('Seconds after the segment starts.'),
    window: WindowSchema,
  })
  .strict();

export const SegmentSchema = z
  .object({
    id: IdSchema,
    title: z.string().min(1),
    harmful: z
      .boolean()
      .default(false)
      .describe(
        'Harm continues while this segment plays; time here after the first warning cue is harm exposure.',
      ),
    windows: z
      .array(WindowMarkSchema)
      .optional()
      .describe(
        'Where each decision window begins. Without it the segment keeps the window it was entered in.',
      ),
    beats: z.array(BeatSchema).min(1),
    endsAt: seconds('endsAt').describe('When the segment is over if nobody changes its course.'),
    then: TargetSchema.describe('Where the scene goes when the segment ends: the delay branch.'),
  })
  .strict();
export type Segment = z.infer<typeof SegmentSchema>;

export const OutcomeSchema = z
  .object({
    id: IdSchema,
    title: z.string().min(1),
    description: z.string().min(1),
    severity: z
      .enum(['none', 'minor', 'moderate', 'serious', 'grave', 'fatal'])
      .describe('Harm that remains at the end; sets the outcome score.'),
    branch: z
      .enum([
        'early-correct',
        'late-correct',
        'very-late',
        'no-intervention',
        'wrong-intervention',
        'monitor-and-support',
      ])
      .optional()
      .describe("The brief's branch label (B1 to B5), for instructors."),
    reference: z.string().optional(),
  })
  .strict();
export type Outcome = z.infer<typeof OutcomeSchema>;

// ---------------------------------------------------------------------------------------------
// Decisions

/** `observe`: back to watching; `resolved`: the trainee's part is done; `write`: write the report. */
export const NEXT_KEYWORDS = ['observe', 'resolved', 'write'] as const;
export const NextSchema = IdSchema.describe(
  'The decision that follows, or observe (back to watching), resolved (done acting) or write (report form).',
);

const consequenceShape = {
  rating: RatingSchema,
  reason: z.string().min(1).describe('Why this rating, in words an instructor can read aloud.'),
  reference: z.string().min(1).describe('Policy stage, D, case or statute the reason rests on.'),
  next: NextSchema,
  goto: TargetSchema.optional().describe('Sends the scene down another branch.'),
};

export const WindowOverrideSchema = z
  .object({
    rating: RatingSchema.optional(),
    reason: z.string().min(1).optional(),
    reference: z.string().min(1).optional(),
    next: NextSchema.optional(),
    goto: TargetSchema.nullable()
      .optional()
      .describe('Where the scene goes in this window; null keeps the scene where it is.'),
  })
  .strict();
export type WindowOverride = z.infer<typeof WindowOverrideSchema>;

const InWindowSchema = z
  .partialRecord(WindowSchema, WindowOverrideSchema)
  .optional()
  .describe('Changes to rating, reason, reference, next or goto when chosen in a given window.');

export const OptionSchema = z
  .object({
    id: IdSchema,
    text: z.string().min(1).describe('What the trainee says or does, as shown on the choice.'),
    style: InterventionStyleSchema.optional(),
    intervenes: z
      .boolean()
      .default(false)
      .describe(
        'Choosing this steps in against the colleague: it times the intervention, and in a clear window it is over-intervention.',
      ),
    barrier: BarrierSchema.optional().describe('The barrier this tempting option voices.'),
    ...consequenceShape,
    inWindow: InWindowSchema,
  })
  .strict();
export type Option = z.infer<typeof OptionSchema>;

export const TimeoutSchema = z
  .object({
    after: z.number().positive({ error: 'after is seconds the decision stays open: more than 0' }),
    ...consequenceShape,
    inWindow: InWindowSchema,
  })
  .strict()
  .describe('Inaction: what happens when the trainee lets the decision run out.');
export type Timeout = z.infer<typeof TimeoutSchema>;

export const DecisionSchema = z
  .object({
    id: IdSchema,
    stage: DecisionStageSchema,
    prompt: z.string().min(1).describe('The question on the decision panel.'),
    discussion: z
      .string()
      .optional()
      .describe('A question for the class when an instructor freezes here.'),
    options: z.array(OptionSchema).min(2).max(4).describe('Two to four options, keys 1 to 4.'),
    timeout: TimeoutSchema,
  })
  .strict();
export type Decision = z.infer<typeof DecisionSchema>;

// ---------------------------------------------------------------------------------------------
// Report, debrief, scenario

export const ReportItemSchema = z
  .object({
    id: IdSchema,
    text: z.string().min(1).describe('A sentence the trainee may put in the report.'),
    kind: z
      .enum(['fact', 'untrue', 'boilerplate'])
      .describe('fact: true if it happened; untrue: did not happen; boilerplate: hides specifics.'),
    material: z
      .boolean()
      .default(true)
      .describe('A fact that belongs in the report when it happened.'),
    happened: z
      .object({
        segments: z.array(IdSchema).optional(),
        beats: z
          .array(IdSchema)
          .optional()
          .describe('Beats, any of which playing makes the fact true.'),
        options: z
          .array(
            z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*\/[a-z][a-z0-9]*(-[a-z0-9]+)*$/, {
              error: 'write an option as decision-id/option-id, like "choose/direct-roll"',
            }),
          )
          .optional()
          .describe('Options, written decision-id/option-id.'),
      })
      .strict()
      .optional()
      .describe(
        'A fact is true only in runs that visited one of these segments, played one of these beats or chose one of these options.',
      ),
    reason: z.string().min(1).describe('Why it belongs in the report, or why it must not.'),
  })
  .strict();
export type ReportItem = z.infer<typeof ReportItemSchema>;

export const ReportSchema = z
  .object({
    prompt: z.string().min(1).describe('Who the report goes to and what it is.'),
    start: IdSchema.optional().describe(
      'The first report-stage decision (notifying, pressure), if any.',
    ),
    items: z.array(ReportItemSchema).min(2),
    reference: z.string().min(1),
  })
  .strict();

export const StyleFitSchema = z
  .object({
    distract: RatingSchema,
    direct: RatingSchema,
    delegate: RatingSchema,
    reason: z.string().min(1),
    reference: z.string().min(1),
    inWindow: z
      .partialRecord(
        WindowSchema,
        z
          .object({
            distract: RatingSchema.optional(),
            direct: RatingSchema.optional(),
            delegate: RatingSchema.optional(),
            reason: z.string().min(1).optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict()
  .describe('How well each D fits this scenario, overall and per window.');
export type StyleFit = z.infer<typeof StyleFitSchema>;

export const DebriefSchema = z
  .object({
    teachingPoints: z.array(z.string().min(1)).min(1),
    wordsThatWork: z
      .array(
        z
          .object({
            to: IdSchema.optional(),
            words: z.string().min(1),
            note: z.string().optional(),
          })
          .strict(),
      )
      .min(1),
    receivingIntervention: z
      .string()
      .optional()
      .describe('How the colleague should have taken the intervention.'),
    legalCard: z
      .object({
        title: z.string().min(1),
        text: z.string().min(1),
        sources: z.array(z.string().min(1)).min(1),
      })
      .strict(),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Coverage tags: what an instructor plans a class by (docs/scenarios.md is generated from them)

/** Kinds of place, so that a library can be checked for variety of settings. */
export const SETTING_KINDS = [
  'parking-lot',
  'street',
  'alley',
  'traffic-stop',
  'residence',
  'apartment-building',
  'jail',
  'station',
  'business',
  'transit-stop',
  'park',
  'encampment',
  'community-centre',
  'parking-garage',
] as const;
export const SettingKindSchema = z.enum(SETTING_KINDS);

/**
 * What the involved officer does wrong. `subtle` kinds involve no force: verbal abuse, bad
 * searches, theft, false reports, anger building, pressure to leave things out. They are the ones
 * trainees are most likely to let pass (domain brief 3.1, pluralistic ignorance).
 */
export const MISCONDUCT_KINDS = {
  'prolonged-restraint': { label: 'prolonged restraint', subtle: false },
  'strikes-on-restrained': { label: 'strikes on a restrained person', subtle: false },
  'excessive-force': { label: 'excessive force', subtle: false },
  'excessive-taser': { label: 'excessive Taser use', subtle: false },
  'retaliation-against-filming': { label: 'retaliation against filming', subtle: false },
  'escalation-by-superior': { label: 'a superior escalating', subtle: false },
  'force-past-need': { label: 'force that is no longer needed', subtle: false },
  'custody-abuse': { label: 'abuse in custody', subtle: false },
  'crisis-escalation': { label: 'escalating a crisis', subtle: false },
  'verbal-abuse': { label: 'verbal abuse and slurs', subtle: true },
  'rising-anger': { label: 'anger building', subtle: true },
  'unlawful-search': { label: 'unlawful search', subtle: true },
  'evidence-theft': { label: 'theft of evidence', subtle: true },
  'false-report': { label: 'false or incomplete report', subtle: true },
  'report-pressure': { label: 'pressure to leave things out', subtle: true },
  none: { label: 'none: the force is lawful', subtle: false },
} as const satisfies Record<string, { label: string; subtle: boolean }>;
export type MisconductKind = keyof typeof MISCONDUCT_KINDS;
export const MisconductSchema = z.enum(
  Object.keys(MISCONDUCT_KINDS) as [MisconductKind, ...MisconductKind[]],
);

export const CoverageSchema = z
  .object({
    outline: z
      .string()
      .regex(/^S([1-9]|1[0-7])$/, { error: 'outline is a brief outline number, S1 to S17' })
      .optional()
      .describe('The domain brief section 4 outline this scenario is written from; omit for new.'),
    setting: SettingKindSchema,
    misconduct: z
      .array(MisconductSchema)
      .min(1)
      .describe('What the involved officer does wrong; ["none"] when the force is lawful.'),
    involvedOfficer: IdSchema.describe(
      'The cast id of the officer whose conduct is at issue, or "trainee" when it is the trainee.',
    ),
    medical: z.boolean().describe('Someone is in medical distress the trainee must act on.'),
    reportPressure: z
      .boolean()
      .describe('Someone presses the trainee to leave things out of the report.'),
  })
  .strict()
  .describe('Tags for the coverage matrix; the best D comes from styleFit.');
export type Coverage = z.infer<typeof CoverageSchema>;

export const ScenarioSchema = z
  .object({
    schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION),
    id: IdSchema,
    version: z
      .number()
      .int()
      .positive()
      .describe('Content version; bump it when the scenario changes.'),
    title: z.string().min(1),
    summary: z.string().min(1),
    briefing: z.string().min(1).describe('What the trainee knows before the scene starts.'),
    difficulty: z.enum(['introductory', 'intermediate', 'advanced']),
    estimatedMinutes: z.number().positive(),
    contentWarnings: z.array(z.string().min(1)),
    coverage: CoverageSchema.optional().describe(
      'Required for scenarios the game ships; fixtures may omit it.',
    ),
    interventionRequired: z
      .boolean()
      .describe('false for lawful-force scenarios, where monitoring and support is the best play.'),
    setting: z
      .object({
        backdrop: AssetKeySchema,
        ambience: AssetKeySchema.optional().describe(
          'A looping sound for the setting, from assets/manifest.json.',
        ),
        place: z.string().min(1),
        timeOfDay: z.enum(['day', 'dusk', 'night']),
        description: z.string().min(1),
      })
      .strict(),
    trainee: TraineeSchema,
    cast: z.array(CastMemberSchema).min(1),
    recognitionHalfTime: z
      .number()
      .positive()
      .default(30)
      .describe('Seconds after the first cue at which recognition credit has halved.'),
    onSignal: IdSchema.describe(
      'The stage-2 decision that opens when the trainee signals "something is wrong".',
    ),
    startSegment: IdSchema,
    segments: z.array(SegmentSchema).min(1),
    outcomes: z.array(OutcomeSchema).min(1),
    decisions: z.array(DecisionSchema).min(1),
    styleFit: StyleFitSchema,
    report: ReportSchema,
    debrief: DebriefSchema,
  })
  .strict();

/** A validated scenario, with defaults filled in. */
export type Scenario = z.infer<typeof ScenarioSchema>;
/** A scenario as written in the file, before defaults. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;

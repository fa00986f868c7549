#!/usr/bin/env bash
# Regenerates every sound in assets/audio from nothing: no recordings, no downloads, no licences to
# track. Each sound is synthesised (sox, ffmpeg's aevalsrc) or spoken (espeak-ng), mixed, and
# encoded twice: Ogg Vorbis, which Howler tries first, and MP3 for browsers without Vorbis.
#
#   tools/make-sounds.sh            # all sounds
#   tools/make-sounds.sh door-slam  # only the keys named
#
# Runs are repeatable: sox -R fixes its noise seeds and -D turns off dither, aevalsrc's random()
# starts from a fixed state, espeak-ng has no randomness, and ffmpeg's bitexact flags keep version
# strings and random Ogg serial numbers out of the files. The same tool versions give the same
# bytes, so a diff in assets/audio means a sound really changed.
#
# Captions, roles, loop flags and mix volumes live in assets/manifest.json: change a sound's
# meaning there as well as here.
set -euo pipefail

for tool in sox espeak-ng ffmpeg; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "make-sounds: '$tool' is missing. On Debian or Ubuntu:" >&2
    echo "  sudo apt-get install -y sox libsox-fmt-all espeak-ng ffmpeg" >&2
    exit 1
  fi
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT="$ROOT/assets/audio"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

# Everything is made at 44.1 kHz, 32-bit float, mono: float keeps headroom while layers are mixed,
# and each sound is normalised once at the end.
RATE=44100
# Ambience loops: LOOP seconds long, made XFADE seconds longer so the tail can be folded onto the
# head (see loopify).
LOOP=12
XFADE=2

# sox, repeatable (-R) and undithered (-D); -V2 still prints clipping warnings.
sx() { sox -R -D -V2 "$@"; }

# synth OUT SECONDS "SOURCE" [EFFECTS...]: a sox synth layer, SOURCE being synth's own words
# ("pinknoise", "sine 300-600"). sox's generators run at full scale, so the layer is turned down
# before any filter can overshoot and clip.
synth() {
  local out=$1 seconds=$2 source=$3
  shift 3
  # shellcheck disable=SC2086 # SOURCE is several of synth's words on purpose.
  sx -n -r "$RATE" -c 1 -e floating-point -b 32 "$out" synth "$seconds" $source gain -10 "$@"
}

# curve OUT SECONDS EXPRESSION: a layer written as a function of time t, for envelopes and
# phase-continuous sweeps that sox's synth cannot draw. random(n) is a fixed-seed generator. The
# expression is scaled down because sox clips float input beyond full scale; finish restores it.
curve() {
  ffmpeg -nostdin -hide_banner -loglevel error \
    -f lavfi -i "aevalsrc=exprs='0.3*($3)':s=$RATE:d=$2" -f f32le - |
    sx -t f32 -r "$RATE" -c 1 - -e floating-point -b 32 "$1"
}

# product A B: the product, for durations (bash has integers only).
product() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a * b }'; }

# fx IN OUT EFFECTS...: runs sox effects on a layer.
fx() {
  local in=$1 out=$2
  shift 2
  sx "$in" -e floating-point -b 32 "$out" "$@"
}

# at IN SECONDS OUT: the layer, starting SECONDS later.
at() { fx "$1" "$3" pad "$2"; }

# mix OUT IN...: sums layers at their own levels (sox -m would otherwise divide by the count).
mix() {
  local out=$1 args=()
  shift
  for layer in "$@"; do args+=(-v 1 "$layer"); done
  if [ "${#args[@]}" -eq 2 ]; then
    fx "$1" "$out"
  else
    sx -m "${args[@]}" -e floating-point -b 32 "$out"
  fi
}

# loopify IN OUT: folds the last XFADE seconds onto the first with an equal-power crossfade, so
# the loop's end runs straight into its start with no click and no dip.
loopify() {
  local in=$1 out=$2
  fx "$in" "$WORK/head.wav" trim 0 "$LOOP" fade q "$XFADE"
  fx "$in" "$WORK/tail.wav" trim "$LOOP" "$XFADE" fade q 0 "$XFADE" "$XFADE"
  mix "$out" "$WORK/head.wav" "$WORK/tail.wav"
}

# speak OUT VOICE PITCH SPEED TEXT: espeak-ng at the working rate.
speak() {
  espeak-ng -v "$2" -p "$3" -s "$4" -w "$WORK/espeak.wav" "$5"
  sx "$WORK/espeak.wav" -e floating-point -b 32 "$1" rate "$RATE"
}

# note FREQ START DECAY [LEVEL]: an aevalsrc term, a soft bell-like tone from START seconds.
note() {
  local f=$1 t0=$2 k=$3 level=${4:-1}
  local u="(t-$t0)"
  echo "$level*gte(t,$t0)*min(1,$u/0.004)*exp(-$u*$k)*(sin(2*PI*$f*$u)+0.18*sin(4*PI*$f*$u)+0.05*sin(6*PI*$f*$u))"
}

# click START DECAY SEED: an aevalsrc term, a burst of noise from START seconds.
click() {
  echo "gte(t,$1)*exp(-(t-$1)*$2)*(2*random($3)-1)"
}

# finish IN KEY PEAK-DB: normalises to PEAK-DB (headroom for the encoders' overshoot), writes
# 16-bit PCM for the encoders.
finish() {
  sx "$1" -b 16 "$WORK/$2.final.wav" gain -n "$3"
}

# encode KEY VORBIS-QUALITY MP3-KBPS SAMPLE-RATE
encode() {
  local key=$1 quality=$2 kbps=$3 rate=$4 in="$WORK/$1.final.wav"
  local common=(-nostdin -hide_banner -loglevel error -y -i "$in" -map_metadata -1 -ac 1
    -ar "$rate" -fflags +bitexact -flags:a +bitexact)
  ffmpeg "${common[@]}" -c:a libvorbis -q:a "$quality" "$OUT/$key.ogg"
  ffmpeg "${common[@]}" -c:a libmp3lame -b:a "${kbps}k" -id3v2_version 0 -write_id3v1 0 \
    "$OUT/$key.mp3"
}

# Profiles: loops are long and soft, so they get the leanest settings; effects keep their
# transients; ui tones are pure and tiny either way.
as_ambience() { finish "$1" "$2" -4 && encode "$2" 0 40 32000; }
as_effect() { finish "$1" "$2" -2 && encode "$2" 1 56 44100; }
as_ui() { finish "$1" "$2" -3 && encode "$2" 0 48 44100; }

# ---------------------------------------------------------------------------------------------
# Ambience: loops of LOOP seconds.

# Distant traffic rumble with one car passing far off, and the buzz of a sodium lamp overhead
# (mains at 60 Hz makes the ballast hum at 120 Hz).
ambience_night_lot() {
  local d=$((LOOP + XFADE)) w="$WORK/night"
  synth "$w-rumble.wav" $d brownnoise lowpass 320 highpass 40 tremolo 0.13 35 vol 0.55
  synth "$w-hiss.wav" $d pinknoise lowpass 1100 highpass 200 tremolo 0.21 40 vol 0.12
  synth "$w-car.wav" 6 pinknoise lowpass 700 highpass 90 fade h 3 6 3 vol 0.3
  synth "$w-engine.wav" 6 "sawtooth 62-48" lowpass 260 fade h 3 6 3 vol 0.12
  mix "$w-pass.wav" "$w-car.wav" "$w-engine.wav"
  at "$w-pass.wav" 4.5 "$w-pass-at.wav"
  synth "$w-lamp.wav" $d "sawtooth 120" highpass 110 lowpass 2400 tremolo 0.37 12 vol 0.035
  mix "$w-mix.wav" "$w-rumble.wav" "$w-hiss.wav" "$w-pass-at.wav" "$w-lamp.wav"
  fx "$w-mix.wav" "$w-trim.wav" trim 0 $d
  loopify "$w-trim.wav" "$w-loop.wav"
  as_ambience "$w-loop.wav" ambience-night-lot
}

# Low room tone under a fridge compressor: a 60 Hz motor hum whose harmonics carry on small
# speakers, and a faint whirr of its fan.
ambience_indoor() {
  local d=$((LOOP + XFADE)) w="$WORK/indoor"
  synth "$w-room.wav" $d pinknoise lowpass 260 highpass 45 vol 0.35
  synth "$w-air.wav" $d whitenoise lowpass 5000 highpass 1500 vol 0.012
  synth "$w-motor.wav" $d "square 60" lowpass 520 highpass 55 tremolo 0.5 6 vol 0.06
  synth "$w-mains.wav" $d "sine 120" vol 0.05
  synth "$w-fan.wav" $d pinknoise bandpass 420 90h tremolo 0.8 20 vol 0.25
  mix "$w-mix.wav" "$w-room.wav" "$w-air.wav" "$w-motor.wav" "$w-mains.wav" "$w-fan.wav"
  fx "$w-mix.wav" "$w-trim.wav" trim 0 $d
  loopify "$w-trim.wav" "$w-loop.wav"
  as_ambience "$w-loop.wav" ambience-indoor
}

# bird_phrase OUT FREQ COUNT: a small bird's phrase of COUNT rising chirps.
bird_phrase() {
  local out=$1 f=$2 count=$3 parts=()
  synth "$WORK/chirp.wav" 0.07 "sine $f-$((f + 900))" fade q 0.008 0.07 0.035
  synth "$WORK/gap.wav" 0.055 "sine 1" vol 0
  for ((i = 0; i < count; i++)); do parts+=("$WORK/chirp.wav" "$WORK/gap.wav"); done
  sx "${parts[@]}" -e floating-point -b 32 "$out"
}

# A street by day: steady traffic, three cars passing close enough to hear their engines drop in
# pitch, and birds above it.
ambience_street_day() {
  local d=$((LOOP + XFADE)) w="$WORK/street"
  synth "$w-rumble.wav" $d brownnoise lowpass 500 highpass 40 tremolo 0.17 30 vol 0.5
  synth "$w-tyres.wav" $d pinknoise lowpass 2200 highpass 150 tremolo 0.11 45 vol 0.16
  local cars=() i=0
  for pass in "0.3 4.0 75" "4.8 5.0 68" "9.2 3.6 82"; do
    read -r start length hz <<<"$pass"
    local half
    half=$(product "$length" 0.5)
    synth "$w-car$i.wav" "$length" pinknoise lowpass 1600 highpass 120 fade h "$half" "$length" "$half" vol 0.32
    synth "$w-eng$i.wav" "$length" "sawtooth $hz-$((hz - 18))" lowpass 420 fade h "$half" "$length" "$half" vol 0.14
    mix "$w-pass$i.wav" "$w-car$i.wav" "$w-eng$i.wav"
    at "$w-pass$i.wav" "$start" "$w-pass$i-at.wav"
    cars+=("$w-pass$i-at.wav")
    i=$((i + 1))
  done
  bird_phrase "$w-bird-a.wav" 3300 3
  bird_phrase "$w-bird-b.wav" 4200 4
  bird_phrase "$w-bird-c.wav" 2800 2
  at "$w-bird-a.wav" 1.1 "$w-b1.wav"
  at "$w-bird-b.wav" 2.3 "$w-b2.wav"
  at "$w-bird-a.wav" 6.4 "$w-b3.wav"
  at "$w-bird-c.wav" 8.0 "$w-b4.wav"
  at "$w-bird-b.wav" 10.6 "$w-b5.wav"
  mix "$w-birds.wav" "$w-b1.wav" "$w-b2.wav" "$w-b3.wav" "$w-b4.wav" "$w-b5.wav"
  fx "$w-birds.wav" "$w-birds-far.wav" highpass 1800 pad 0 1 reverb 30 60 60 0 10 -6 vol 0.09
  mix "$w-mix.wav" "$w-rumble.wav" "$w-tyres.wav" "${cars[@]}" "$w-birds-far.wav"
  fx "$w-mix.wav" "$w-trim.wav" trim 0 $d
  loopify "$w-trim.wav" "$w-loop.wav"
  as_ambience "$w-loop.wav" ambience-street-day
}

# Many people talking at once: overlapping synthetic voices, low-passed and reverberated until no
# word survives, over a bed of syllable-rate noise.
ambience_crowd() {
  local d=$((LOOP + XFADE)) w="$WORK/crowd" voices=() i=0
  local talk=(
    "en-us+m3 38 150 1.3 what happened over there I did not see it"
    "en-us+f2 62 165 0.2 I was just getting some things from the store"
    "en-gb+m1 30 140 2.6 hold on let me see I can not see anything from here"
    "en-us+f4 70 170 0.9 she said they were coming out of the store when it started"
    "en-us+m7 45 155 3.4 come on let us go home it is late"
    "en-gb+f3 55 160 1.8 does anybody know what is going on"
    "en-us+m2 25 145 0.5 I have been here about ten minutes now"
    "en-us+f1 66 175 2.2 my car is parked right over there by the door"
  )
  for line in "${talk[@]}"; do
    read -r voice pitch speed start text <<<"$line"
    speak "$w-v$i-once.wav" "$voice" "$pitch" "$speed" "$text"
    # Each voice repeats with its own pauses, so the babble never lines up the same way twice.
    fx "$w-v$i-once.wav" "$w-v$i-gap.wav" pad 0 "0.$((3 + i))"
    fx "$w-v$i-gap.wav" "$w-v$i.wav" repeat 6 pad "$start" trim 0 $d vol 0.3
    voices+=("$w-v$i.wav")
    i=$((i + 1))
  done
  synth "$w-bed.wav" $d pinknoise bandpass 700 900h tremolo 4.3 55 vol 0.25
  mix "$w-talk.wav" "${voices[@]}" "$w-bed.wav"
  fx "$w-talk.wav" "$w-blur.wav" lowpass 1100 lowpass 1400 highpass 120 reverb 55 50 80 0 20 -4 trim 0 $d
  loopify "$w-blur.wav" "$w-loop.wav"
  as_ambience "$w-loop.wav" ambience-crowd
}

# ---------------------------------------------------------------------------------------------
# Effects.

# squelch OUT SECONDS: the hiss of a radio channel opening or closing.
squelch() {
  synth "$1" "$2" whitenoise sinc 400-3200 fade t 0.005 "$2" 0.03 vol 0.35
}

# Squelch, two short beeps, squelch tail: the talk-permit chirp of a police radio.
radio_chirp() {
  local w="$WORK/chirp"
  squelch "$w-open.wav" 0.05
  curve "$w-tones.wav" 0.2 "$(note 1400 0 25 0.8)*min(1,max(0,(0.07-t)/0.006))+$(note 1400 0.095 25 0.8)*min(1,max(0,(0.165-t)/0.006))"
  squelch "$w-tail.wav" 0.14
  sx "$w-open.wav" "$w-tones.wav" "$w-tail.wav" -e floating-point -b 32 "$w-seq.wav"
  fx "$w-seq.wav" "$w-radio.wav" highpass 300 lowpass 3400 overdrive 6 fade t 0 0 0.02
  as_effect "$w-radio.wav" radio-chirp
}

# A dispatcher's line through a handheld radio: narrow band, squashed dynamics, a little
# distortion and static, framed by the squelch. The words are in the manifest caption.
radio_dispatch() {
  local w="$WORK/dispatch"
  speak "$w-voice.wav" en-us+f3 48 180 "Unit twelve, disturbance reported. Backup en route."
  fx "$w-voice.wav" "$w-band.wav" highpass 350 lowpass 3000 \
    compand 0.01,0.25 -70,-70,-40,-20,0,-8 -6 -90 0.02 overdrive 10 gain -n -3
  local seconds
  seconds=$(soxi -D "$w-band.wav")
  synth "$w-static.wav" "$seconds" whitenoise sinc 400-3600 vol 0.03
  mix "$w-speech.wav" "$w-band.wav" "$w-static.wav"
  squelch "$w-open.wav" 0.08
  squelch "$w-tail.wav" 0.16
  sx "$w-open.wav" "$w-speech.wav" "$w-tail.wav" -e floating-point -b 32 "$w-seq.wav"
  fx "$w-seq.wav" "$w-radio.wav" highpass 300 lowpass 3400 fade t 0 0 0.02
  as_effect "$w-radio.wav" radio-dispatch
}

# Several people calling out at once: wordless exclamations, so the sound says no more than its
# caption, raised in pitch and pushed into distortion like voices straining, in an open space.
crowd_shouting() {
  local w="$WORK/shout" voices=() i=0
  local calls=(
    "en-us+m3 75 190 0.00 hey"
    "en-us+f2 90 200 0.25 hey hey"
    "en-gb+m1 70 180 0.55 whoa"
    "en-us+f4 95 210 0.80 oi"
    "en-us+m7 80 185 1.10 hey"
    "en-us+m2 72 195 1.35 whoa whoa"
    "en-us+f1 92 205 1.70 hey"
    "en-gb+f3 88 200 1.95 oi oi"
  )
  for line in "${calls[@]}"; do
    read -r voice pitch speed start text <<<"$line"
    speak "$w-c$i-dry.wav" "$voice" "$pitch" "$speed" "$text!"
    fx "$w-c$i-dry.wav" "$w-c$i.wav" overdrive 14 gain -n -6 pad "$start"
    voices+=("$w-c$i.wav")
    i=$((i + 1))
  done
  synth "$w-bed.wav" 2.6 pinknoise bandpass 800 900h tremolo 5.1 60 fade q 0.3 2.6 0.6 vol 0.12
  synth "$w-length.wav" 2.9 "sine 1" vol 0
  mix "$w-all.wav" "$w-length.wav" "${voices[@]}" "$w-bed.wav"
  fx "$w-all.wav" "$w-open.wav" gain -8 highpass 180 lowpass 3800 reverb 45 50 90 0 15 -3 \
    trim 0 2.9 fade q 0.02 2.9 0.5
  as_effect "$w-open.wav" crowd-shouting
}

# A wailing siren sweeping 600-1300 Hz over three seconds, far off: high end lost, mostly
# reverberation, fading in and out.
siren_distant() {
  local w="$WORK/siren"
  local phase="(2*PI*950*t-1050*sin(2*PI*t/3))"
  curve "$w-wail.wav" 3 "0.5*(sin($phase)+0.3*sin(3*$phase)+0.12*sin(5*$phase))"
  fx "$w-wail.wav" "$w-far.wav" highpass 350 lowpass 1700 lowpass 2200 \
    reverb 80 70 100 0 40 0 trim 0 3 fade q 0.7 3 0.9
  as_effect "$w-far.wav" siren-distant
}

# Scuffle without voices: clothing rustling, shoes scraping on the ground, bodies hitting it.
struggle() {
  local w="$WORK/struggle" layers=() i=0
  local events=(
    "rustle 0.00 0.35 0.35" "scrape 0.18 0.20 0.25" "thump 0.42 0 2.0" "rustle 0.50 0.25 0.30"
    "rustle 0.80 0.40 0.40" "scrape 1.05 0.15 0.30" "thump 1.22 0 1.6" "rustle 1.30 0.30 0.30"
    "scrape 1.62 0.25 0.25" "rustle 1.75 0.45 0.40" "thump 2.05 0 2.2" "rustle 2.15 0.35 0.25"
  )
  for event in "${events[@]}"; do
    read -r kind start seconds level <<<"$event"
    case "$kind" in
      rustle)
        synth "$w-e$i.wav" "$seconds" pinknoise highpass 900 lowpass 6500 tremolo 13 70 \
          fade q 0.03 "$seconds" 0.12 vol "$level"
        ;;
      scrape)
        synth "$w-e$i.wav" "$seconds" whitenoise bandpass 2200 1800h tremolo 31 50 \
          fade t 0.02 "$seconds" 0.08 vol "$level"
        ;;
      thump)
        curve "$w-e$i-raw.wav" 0.4 \
          "exp(-t*38)*sin(2*PI*(58*t+0.9*(1-exp(-30*t))))+0.45*$(click 0 70 $i)"
        fx "$w-e$i-raw.wav" "$w-e$i.wav" lowpass 1200 vol "$level"
        ;;
    esac
    at "$w-e$i.wav" "$start" "$w-e$i-at.wav"
    layers+=("$w-e$i-at.wav")
    i=$((i + 1))
  done
  synth "$w-bed.wav" 2.7 "sine 1" vol 0
  mix "$w-all.wav" "$w-bed.wav" "${layers[@]}"
  fx "$w-all.wav" "$w-room.wav" reverb 25 50 40 0 5 -8 fade t 0 2.7 0.15
  as_effect "$w-room.wav" struggle
}

# The electrical crackle of a Taser cycle: sharp arcs at the device's 19 pulses a second, each a
# snap of noise with a brief metallic ring.
taser_crackle() {
  local w="$WORK/taser"
  local p="mod(t,1/19)"
  curve "$w-arcs.wav" 1.8 \
    "exp(-$p*900)*(2*random(0)-1)+0.35*exp(-$p*260)*sin(2*PI*3100*$p)+0.03*exp(-$p*60)*(2*random(1)-1)"
  fx "$w-arcs.wav" "$w-snap.wav" highpass 450 overdrive 6 fade t 0.01 1.8 0.08
  as_effect "$w-snap.wav" taser-crackle
}

# A heavy door slamming in a room: a low thud falling in pitch, the crack of the frame, the latch
# rattling a moment later.
door_slam() {
  local w="$WORK/door"
  curve "$w-hit.wav" 1.1 "0.9*exp(-t*14)*sin(2*PI*(48*t+1.9*(1-exp(-18*t))))+0.5*$(click 0 60 0)+0.35*$(click 0.004 420 1)+0.25*gte(t,0.09)*exp(-(t-0.09)*80)*sin(2*PI*190*(t-0.09))+0.12*$(click 0.095 300 2)"
  fx "$w-hit.wav" "$w-room.wav" lowpass 3200 reverb 35 60 45 0 5 -6 trim 0 1.1 \
    fade t 0 1.1 0.35
  as_effect "$w-room.wav" door-slam
}

# Handcuffs ratcheting shut, then the lock: small metal clicks that ring briefly.
handcuffs() {
  local w="$WORK/cuffs"
  local p="mod(t,0.031)"
  local ring="(sin(2*PI*3400*X)+0.7*sin(2*PI*5150*X)+0.5*sin(2*PI*7300*X))"
  local ratchet="lt(t,0.25)*(0.5+t*2)*(exp(-$p*650)*(2*random(0)-1)+0.35*exp(-$p*160)*${ring//X/$p})"
  local q="(t-0.42)"
  local lock="gte(t,0.42)*(exp(-$q*380)*(2*random(1)-1)+0.6*exp(-$q*55)*${ring//X/$q})"
  curve "$w-metal.wav" 0.75 "0.7*$ratchet+$lock"
  fx "$w-metal.wav" "$w-hand.wav" highpass 1200 reverb 15 50 20 0 0 -10 trim 0 0.75 \
    fade t 0 0.75 0.1
  as_effect "$w-hand.wav" handcuffs
}

# Someone running closer on hard ground: a heel strike and a scuff every third of a second,
# alternate feet a little unequal, louder as they come.
running_steps() {
  local w="$WORK/steps"
  local p="mod(t,0.33)" k="floor(t/0.33)"
  curve "$w-feet.wav" 2.4 \
    "(0.45+0.55*t/2.4)*(0.8+0.2*mod($k,2))*(exp(-$p*45)*sin(2*PI*85*$p)+0.4*exp(-$p*90)*(2*random(0)-1)+0.1*gte($p,0.02)*exp(-($p-0.02)*80)*(2*random(1)-1))"
  fx "$w-feet.wav" "$w-out.wav" lowpass 5000 reverb 20 50 50 0 0 -10 trim 0 2.4 \
    fade t 0.02 2.4 0.2
  as_effect "$w-out.wav" running-steps
}

# Laboured breathing as shaped noise only: sharp, catching breaths in, ragged breaths out. No
# voice, nothing more than the caption says.
gasping() {
  local w="$WORK/gasp" layers=() i=0
  local breaths=(
    "in 0.05 0.34 0.9" "out 0.42 0.55 0.6" "in 1.05 0.18 0.8" "in 1.26 0.22 0.9"
    "out 1.52 0.60 0.6" "in 2.20 0.30 0.85" "out 2.52 0.45 0.5"
  )
  for breath in "${breaths[@]}"; do
    read -r way start seconds level <<<"$breath"
    if [ "$way" = in ]; then
      # Air drawn in hard: bright, rising to an abrupt stop.
      synth "$w-b$i.wav" "$seconds" whitenoise bandpass 1700 1400h bandpass 2600 2000h lowpass 7000 \
        fade p "$(product "$seconds" 0.8)" "$seconds" 0.03 vol "$level"
    else
      # Air let out: darker, falling away.
      synth "$w-b$i.wav" "$seconds" pinknoise bandpass 850 700h lowpass 4000 tremolo 9 25 \
        fade q 0.03 "$seconds" "$(product "$seconds" 0.8)" vol "$level"
    fi
    at "$w-b$i.wav" "$start" "$w-b$i-at.wav"
    layers+=("$w-b$i-at.wav")
    i=$((i + 1))
  done
  # A silent bed fixes the length at three seconds whatever the last breath does.
  synth "$w-bed.wav" 3 "sine 1" vol 0
  mix "$w-all.wav" "$w-bed.wav" "${layers[@]}"
  fx "$w-all.wav" "$w-out.wav" highpass 250 fade t 0 3 0.1
  as_effect "$w-out.wav" gasping
}

# A phone camera's shutter: the two-part "ka-chik" of a shutter click sound.
phone_camera() {
  local w="$WORK/phone"
  curve "$w-shutter.wav" 0.3 "$(click 0.01 520 0)+0.3*gte(t,0.01)*exp(-(t-0.01)*220)*sin(2*PI*2200*(t-0.01))+0.8*$(click 0.085 650 1)+0.25*gte(t,0.085)*exp(-(t-0.085)*260)*sin(2*PI*2900*(t-0.085))"
  fx "$w-shutter.wav" "$w-out.wav" highpass 900 lowpass 9000 fade t 0 0.3 0.05
  as_effect "$w-out.wav" phone-camera
}

# A car door shut outdoors: a short, padded thunk with the latch catching twice.
car_door() {
  local w="$WORK/cardoor"
  curve "$w-shut.wav" 0.7 "0.9*exp(-t*26)*sin(2*PI*(95*t+1.4*(1-exp(-28*t))))+0.45*$(click 0 75 0)+0.3*$(click 0.002 500 1)+0.2*$(click 0.018 500 2)+0.1*gte(t,0.03)*exp(-(t-0.03)*40)*sin(2*PI*420*(t-0.03))"
  fx "$w-shut.wav" "$w-out.wav" lowpass 2600 reverb 10 60 30 0 0 -10 trim 0 0.7 \
    fade t 0 0.7 0.2
  as_effect "$w-out.wav" car-door
}

# ---------------------------------------------------------------------------------------------
# Interface tones: soft sine bells, each with its own contour so they are told apart by ear.

ui_tone() {
  local key=$1 seconds=$2 expression=$3
  curve "$WORK/$key-raw.wav" "$seconds" "$expression"
  fx "$WORK/$key-raw.wav" "$WORK/$key.wav" fade t 0 "$seconds" 0.04
  as_ui "$WORK/$key.wav" "$key"
}

# "Something is wrong": two quick notes rising a fourth, alert but not alarming.
ui_signal() { ui_tone ui-signal 0.32 "$(note 659.3 0 22)+$(note 880 0.09 14)"; }
# A decision is open: a gentle rising triad.
ui_decision_open() {
  ui_tone ui-decision-open 0.5 "$(note 523.3 0 16 0.8)+$(note 659.3 0.07 16 0.8)+$(note 784 0.14 10 0.8)"
}
# A choice taken: one short, high tick.
ui_select() { ui_tone ui-select 0.12 "$(note 1046.5 0 45)"; }
# Time ran out: two notes falling a fourth, darker.
ui_timeout() { ui_tone ui-timeout 0.42 "$(note 392 0 14)+$(note 293.7 0.14 10)"; }
# Paused: one low, soft note.
ui_pause() { ui_tone ui-pause 0.32 "$(note 349.2 0 12 0.8)"; }
# The encounter has ended: a resolved arpeggio that rings out.
ui_end() {
  ui_tone ui-end 1.0 "$(note 523.3 0 7 0.6)+$(note 659.3 0.1 7 0.6)+$(note 784 0.2 6 0.6)+$(note 1046.5 0.3 5 0.6)"
}

# ---------------------------------------------------------------------------------------------

ALL=(
  ambience-night-lot ambience-indoor ambience-street-day ambience-crowd
  radio-chirp radio-dispatch crowd-shouting siren-distant struggle taser-crackle door-slam
  handcuffs running-steps gasping phone-camera car-door
  ui-signal ui-decision-open ui-select ui-timeout ui-pause ui-end
)

keys=("$@")
[ "${#keys[@]}" -gt 0 ] || keys=("${ALL[@]}")
for key in "${keys[@]}"; do
  if [[ ! " ${ALL[*]} " == *" $key "* ]]; then
    echo "make-sounds: no sound called '$key'. Known: ${ALL[*]}" >&2
    exit 1
  fi
  echo "== $key" >&2
  "${key//-/_}"
  echo "assets/audio/$key.ogg $(stat -c %s "$OUT/$key.ogg") B, .mp3 $(stat -c %s "$OUT/$key.mp3") B"
done

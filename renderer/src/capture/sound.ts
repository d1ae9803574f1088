import type { Sound } from './outcome';

/**
 * Short tones made with WebAudio, so there are no audio files to ship: a bright blip for a
 * new lead, two softer notes for someone already captured, a low buzz for an error. They
 * differ in pitch and rhythm so staff can tell them apart without looking.
 */
const TONES: Record<Sound, { freq: number; type: OscillatorType; at: number; length: number }[]> = {
  new: [{ freq: 1320, type: 'sine', at: 0, length: 0.09 }],
  merged: [
    { freq: 660, type: 'sine', at: 0, length: 0.08 },
    { freq: 660, type: 'sine', at: 0.12, length: 0.08 },
  ],
  error: [{ freq: 180, type: 'square', at: 0, length: 0.3 }],
};

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (!context) {
    try {
      context = new AudioContext();
    } catch {
      return null;
    }
  }
  // Browsers start a context suspended until the page has had a user gesture.
  if (context.state === 'suspended') void context.resume().catch(() => undefined);
  return context;
}

export function play(sound: Sound): void {
  const ctx = audio();
  if (!ctx) return;
  const start = ctx.currentTime + 0.005;
  for (const tone of TONES[sound]) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = tone.type;
    osc.frequency.value = tone.freq;
    const t0 = start + tone.at;
    // A quick fade in and out: no click at either end.
    gain.gain.setValueAtTime(0, t0);
    gain.gain.linearRampToValueAtTime(0.2, t0 + 0.01);
    gain.gain.setValueAtTime(0.2, t0 + tone.length - 0.02);
    gain.gain.linearRampToValueAtTime(0, t0 + tone.length);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + tone.length + 0.01);
  }
}

/** Lets the first user gesture unlock audio, so the first scan already beeps. */
export function unlockAudioOnGesture(): () => void {
  const stop = () => {
    window.removeEventListener('pointerdown', unlock, true);
    window.removeEventListener('keydown', unlock, true);
  };
  const unlock = () => {
    audio();
    stop();
  };
  window.addEventListener('pointerdown', unlock, true);
  window.addEventListener('keydown', unlock, true);
  return stop;
}

// SAM (Software Automatic Mouth, npm sam-js 0.3.1) for the speech bench: reads one sentence on stdin and
// writes it as a 16-bit PCM mono WAV at SAM's own rate (22050 Hz).
//
//   node speak.mjs <out.wav> <speed> <pitch> <throat> <mouth> < sentence.txt
//
// Exit 0: the WAV is written. Exit 2: bad arguments. Exit 1: SAM could not say the text (empty, or a
// character its reciter has no rule for, such as a non-ASCII letter) or the file could not be written.
// sam-js is resolved next to this script (node_modules/ here; scripts/setup.sh installs it), whatever the cwd.
import { writeFileSync } from 'node:fs';
import SamJs from 'sam-js';

// sam-js renders at a fixed 22050 Hz (src/util/player.es6 writes it into its WAV header and its
// AudioContext buffer; src/renderer/renderer.es6 sizes frames as 22050/125 samples).
const SAMPLE_RATE = 22050;

function fail(code, message) {
  process.stderr.write(`speak.mjs: ${message}\n`);
  process.exit(code);
}

const args = process.argv.slice(2);
if (args.length !== 5)
  fail(2, `usage: node speak.mjs <out.wav> <speed> <pitch> <throat> <mouth> (text on stdin); got ${args.length} argument(s)`);
const [out, ...numbers] = args;
const [speed, pitch, throat, mouth] = numbers.map((v, i) => {
  const name = ['speed', 'pitch', 'throat', 'mouth'][i];
  // SAM keeps each of these in one byte (the renderer masks them with 0xFF); a speed of 0 would mean its default.
  const min = name === 'speed' ? 1 : 0;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > 255) fail(2, `${name} must be an integer ${min}-255, got '${v}'`);
  return Number(v);
});

let text = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) text += chunk;
// The reciter stops at a tab or a line break (its character table has no rule for them): one line, single spaces.
text = text.replace(/\s+/g, ' ').trim();
if (text === '') fail(1, 'no text on stdin');

let pcm8;
try {
  // buf8: unsigned 8-bit samples centred on 128, or false when the reciter or the parser gives up.
  pcm8 = new SamJs({ speed, pitch, throat, mouth }).buf8(text);
} catch (e) {
  fail(1, `SAM failed on '${text}': ${e?.message || e}`);
}
if (!(pcm8 instanceof Uint8Array))
  fail(1, `SAM cannot say '${text}' (its reciter has no rule for a character in it; it knows ASCII letters, digits, spaces and some punctuation)`);
if (pcm8.length === 0) fail(1, `SAM rendered no audio for '${text}'`);

// 8-bit unsigned -> 16-bit signed. The renderer writes each sample a few positions ahead of where it
// starts, so the first samples are never written and stay 0 (full negative scale, a click): they are the
// silence level, 128.
const samples = new Int16Array(pcm8.length);
let leading = true;
for (let i = 0; i < pcm8.length; i++) {
  const v = leading && pcm8[i] === 0 ? 128 : pcm8[i];
  if (pcm8[i] !== 0) leading = false;
  samples[i] = (v - 128) * 256;
}

const dataBytes = samples.length * 2;
const wav = Buffer.alloc(44 + dataBytes);
wav.write('RIFF', 0, 'ascii');
wav.writeUInt32LE(36 + dataBytes, 4);
wav.write('WAVE', 8, 'ascii');
wav.write('fmt ', 12, 'ascii');
wav.writeUInt32LE(16, 16);               // fmt chunk size
wav.writeUInt16LE(1, 20);                // PCM
wav.writeUInt16LE(1, 22);                // mono
wav.writeUInt32LE(SAMPLE_RATE, 24);
wav.writeUInt32LE(SAMPLE_RATE * 2, 28);  // bytes per second
wav.writeUInt16LE(2, 32);                // block align
wav.writeUInt16LE(16, 34);               // bits per sample
wav.write('data', 36, 'ascii');
wav.writeUInt32LE(dataBytes, 40);
for (let i = 0; i < samples.length; i++) wav.writeInt16LE(samples[i], 44 + 2 * i);

try {
  writeFileSync(out, wav);
} catch (e) {
  fail(1, `cannot write ${out}: ${e.message}`);
}

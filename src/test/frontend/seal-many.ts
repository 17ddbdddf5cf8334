/**
 * Seals many ballots with frontend/tn-sealer.ts for the cross-verification in Java
 * (vn.tinnhiem.crypto.TypeScriptSealerTests): the Java side makes the manifests and the choices, this
 * seals them with fresh randomness (crypto.getRandomValues, the default uniquifier: the tablet's path),
 * and the Java BallotVerifier, SealedBallot.trackingCode and BallotOpening check the results.
 *
 *   node seal-many.ts IN OUT
 *
 * IN, one item a line: `M <manifest JSON>` starts a manifest, `B <c_0>,<c_1>,...` is a ballot for the
 * last manifest (level per candidate, -1 blank); `B <choices> <64 hex>` seals from those 32 fresh bytes with
 * uniquifier 0 instead (the Java test reseals it with the same bytes and compares). OUT, one line per ballot in input order:
 * `<sealed hex> <tracking code> <opening hex>`. Prints the timings on stdout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fromHex, hex, seal, sealerManifest } from '../tn-sealer.ts';
import type { SealerManifest } from '../tn-sealer.ts';

const [input, output] = process.argv.slice(2);
const lines = readFileSync(input, 'utf8').split('\n').filter((l) => l.length > 0);
const out: string[] = [];
let manifest: SealerManifest | undefined;
let manifests = 0;
let tableMs = 0;
let sealMs = 0;
let candidateSeals = 0;
const perSize = new Map<number, number[]>();
const noYield = async () => {};
for (const line of lines) {
  if (line.startsWith('M ')) {
    const t = performance.now();
    manifest = sealerManifest(line.substring(2));
    tableMs += performance.now() - t;
    manifests++;
  } else if (line.startsWith('B ') && manifest) {
    const [list, random] = line.substring(2).split(' ');
    const choices = list.split(',').map(Number);
    const m = choices.length;
    const t = performance.now();
    const sealed = await seal(manifest, choices, random
      ? { yieldEvery: noYield, random: fromHex(random), uniquifier: 0n }
      : { yieldEvery: noYield });
    const dt = performance.now() - t;
    sealMs += dt;
    candidateSeals += m;
    if (!perSize.has(m)) perSize.set(m, []);
    perSize.get(m)!.push(dt);
    out.push(hex(sealed.ballot) + ' ' + sealed.trackingCode + ' ' + hex(sealed.opening));
  } else {
    throw new Error('bad input line: ' + line.substring(0, 40));
  }
}
writeFileSync(output, out.join('\n') + '\n');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sizes = [...perSize.keys()].sort((a, b) => a - b);
const big = sizes[sizes.length - 1];
console.log(
  `node sealed ${out.length} ballots under ${manifests} manifests: ${(sealMs / 1000).toFixed(1)} s sealing ` +
    `(${candidateSeals} candidates, ${(sealMs / candidateSeals).toFixed(1)} ms per candidate), ` +
    `${(tableMs / 1000).toFixed(1)} s for the manifests (hash check and K's table); ` +
    `median per ballot: m=1 ${median(perSize.get(1) ?? [0]).toFixed(0)} ms, m=${big} ${median(perSize.get(big)!).toFixed(0)} ms`,
);

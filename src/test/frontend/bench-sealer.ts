/**
 * Seal time of frontend/tn-sealer.ts in Node, unthrottled: 13 and 44 candidates, three levels (the
 * figures of docs/performance.md, "Sealing on the tablet"). Run by hand from the work folder that
 * TypeScriptSealerTests lays out (it has node_modules/@noble):
 *
 *   node target/tn-sealer-node/test/bench-sealer.ts [rounds]
 */
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hex, manifestEncoding, seal, sealerManifest } from '../tn-sealer.ts';

/** A manifest JSON for m candidates under a random key, with its hash (4.1), as Manifest.toJson writes it. */
export function benchManifest(m: number, kind: string): string {
  const key = p256.Point.BASE.multiply(p256.Point.Fn.fromBytes(p256.utils.randomSecretKey())).toHex(true);
  const candidates = [];
  for (let i = 1; i <= m; i++) {
    candidates.push({ id: 'cand-' + i, order: i, name: 'Nguyễn Văn ' + i, position: 'Trưởng phòng ' + i });
  }
  const body = { electionId: 'bench', title: 'Hội nghị lấy phiếu tín nhiệm', kind, ruleSet: '96-QD/TW', candidates,
    k: 1, n: 1, electionKey: key, commitments: [key] };
  const enc = manifestEncoding(JSON.stringify(body)).encoding;
  const tag = new TextEncoder().encode('TN1/manifest');
  const h = sha256.create();
  const len = (n: number) => new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
  h.update(len(tag.length)).update(tag).update(len(enc.length)).update(enc);
  return JSON.stringify({ ...body, hash: hex(h.digest()) });
}

const rounds = Number(process.argv[2] ?? 10);
const t0 = performance.now();
const forKey = sealerManifest(benchManifest(13, 'THREE_LEVEL'));
console.log(`first sealerManifest (G's and K's tables, cold): ${(performance.now() - t0).toFixed(0)} ms`);
void forKey;
for (const m of [13, 44]) {
  const json = benchManifest(m, 'THREE_LEVEL');
  const t1 = performance.now();
  const sm = sealerManifest(json);
  console.log(`sealerManifest, m = ${m} (hash check and K's table): ${(performance.now() - t1).toFixed(0)} ms`);
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < rounds + 2; i++) {
    const choices = Array.from({ length: m }, (_, c) => ((c + i) % 4) - 1);
    const s = performance.now();
    const sealed = await seal(sm, choices);
    if (i >= 2) times.push(performance.now() - s); // two warm-up rounds
    size = sealed.ballot.length;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`m = ${m}, L = 3: ${size} bytes, seal median ${median.toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)}, ${rounds} rounds)`);
}

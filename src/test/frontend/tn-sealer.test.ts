/**
 * Known-answer test of frontend/tn-sealer.ts: every ballot of kat-v1.json (the Java sealer's vectors,
 * src/test/resources/vn/tinnhiem/crypto/kat-v1.json) byte for byte, its id and tracking code, and both
 * manifests' encodings and hashes; plus the opening (docs/protocol.md 5.6) and the refusals.
 *
 * Run with `node --test` (Node 24 strips the types). The Java side runs it in `./mvnw verify`
 * (vn.tinnhiem.crypto.TypeScriptSealerTests), which lays out the @noble packages next to a copy of
 * these files; the KAT file is found through TN_KAT, next to this file, or in the source tree. It lives
 * outside frontend/ because Vaadin's Vite type-checks every .ts there for the browser.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { fromHex, hex, manifestEncoding, seal, sealerManifest, trackingCode } from '../tn-sealer.ts';

const Q = p256.Point.Fn.ORDER;

function katFile(): string {
  const candidates = [
    process.env.TN_KAT,
    fileURLToPath(new URL('./kat-v1.json', import.meta.url)),
    fileURLToPath(new URL('../resources/vn/tinnhiem/crypto/kat-v1.json', import.meta.url)),
  ];
  for (const c of candidates) if (c && existsSync(c)) return c;
  throw new Error('kat-v1.json not found (set TN_KAT)');
}

const kat = JSON.parse(readFileSync(katFile(), 'utf8'));

/**
 * SeededRandom("TinNhiem KAT v1") of the Java tests: block i = SHA-256(seed ‖ u64 i), read in order.
 * Every draw of the KAT run is 32 bytes (a scalar of the ceremony, or one hedged session's fresh bytes),
 * so each draw is one block.
 */
function seededBlock(i: number): Uint8Array {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(i));
  return new Uint8Array(createHash('sha256').update('TinNhiem KAT v1', 'utf8').update(counter).digest());
}

/**
 * The fresh bytes the Java sealer drew for each KAT ballot, in the order KnownAnswerTests.generate draws:
 * per kind (THREE_LEVEL, then TWO_LEVEL) Ceremony.deal(2, 3) draws s and a_1 (each again while 0 or ≥ q),
 * the cards draw one session per passphrase-wrapped card (one for THREE_LEVEL, none for TWO_LEVEL), the
 * three ballots one session each, the two partial decryptions one session each. The ceremony's draws are
 * checked against the manifest's K and C_1, so a change in the order shows here, not as a wrong ballot.
 */
export function katDraws(): Record<string, Uint8Array[]> {
  let next = 0;
  const out: Record<string, Uint8Array[]> = {};
  for (const kind of ['THREE_LEVEL', 'TWO_LEVEL']) {
    const coeffs: bigint[] = [];
    while (coeffs.length < 2) {
      const x = BigInt('0x' + hex(seededBlock(next++)));
      if (x !== 0n && x < Q) coeffs.push(x);
    }
    const mf = kat[kind].manifest;
    assert.equal(p256.Point.BASE.multiply(coeffs[0]).toHex(true), mf.electionKey, kind + ': K from the seeded stream');
    assert.equal(p256.Point.BASE.multiply(coeffs[1]).toHex(true), mf.commitments[1], kind + ': C_1 from the seeded stream');
    next += kind === 'THREE_LEVEL' ? 1 : 0; // the wrapped card's session
    out[kind] = [seededBlock(next++), seededBlock(next++), seededBlock(next++)];
    next += 2; // the partial decryptions
  }
  return out;
}

const noYield = async () => {};

for (const kind of ['THREE_LEVEL', 'TWO_LEVEL']) {
  test(`${kind}: manifest encoding and hash as the Java Manifest`, () => {
    const json = JSON.stringify(kat[kind].manifest);
    assert.equal(hex(manifestEncoding(json).encoding), kat[kind].manifestEncoding);
    const sm = sealerManifest(json);
    assert.equal(hex(sm.hash), kat[kind].manifest.hash);
    assert.equal(sm.candidates, 2);
    assert.equal(sm.levels, kind === 'THREE_LEVEL' ? 3 : 2);
  });

  test(`${kind}: every KAT ballot byte for byte, with its id and tracking code`, async () => {
    const sm = sealerManifest(JSON.stringify(kat[kind].manifest));
    const draws = katDraws()[kind];
    for (let i = 0; i < kat[kind].ballots.length; i++) {
      const expected = kat[kind].ballots[i];
      const choices = [...expected.choices];
      const sealed = await seal(sm, choices, { random: draws[i], uniquifier: 0n, yieldEvery: noYield });
      assert.equal(hex(sealed.ballot), expected.sealed, `${kind} ballot ${i}`);
      assert.equal(hex(sealed.ballot.subarray(5, 21)), expected.id);
      assert.equal(sealed.trackingCode, expected.trackingCode);
      assert.equal(trackingCode(fromHex(expected.sealed)), expected.trackingCode);
      assert.deepEqual(choices, expected.choices.map(() => 0), 'the choices are zeroed');
      assert.deepEqual([...draws[i]], new Array(32).fill(0), 'the fresh bytes are zeroed');
      checkOpening(sealed.ballot, sealed.opening, expected.choices, sm.levels);
    }
  });
}

/** The opening opens its ballot (5.6): header, choices, and α = rG, β = bG + rK for every item. */
function checkOpening(ballot: Uint8Array, opening: Uint8Array, choices: number[], L: number): void {
  const m = choices.length;
  assert.equal(opening.length, 24 + m + 32 * m * L);
  assert.equal(hex(opening.subarray(0, 5)), hex(new TextEncoder().encode('TN1O')) + '01');
  assert.equal(hex(opening.subarray(5, 24)), hex(ballot.subarray(5, 24)));
  const K = p256.Point.fromHex(kat[L === 3 ? 'THREE_LEVEL' : 'TWO_LEVEL'].manifest.electionKey);
  const S = 486 * L + 356;
  for (let c = 0; c < m; c++) {
    assert.equal(opening[24 + c], choices[c] < 0 ? 0xff : choices[c]);
    for (let l = 0; l < L; l++) {
      const at = 24 + m + 32 * (c * L + l);
      const r = BigInt('0x' + hex(opening.subarray(at, at + 32)));
      const o = 24 + c * S + 486 * l;
      assert.equal(hex(ballot.subarray(o, o + 65)), p256.Point.BASE.multiply(r).toHex(false));
      let beta = K.multiply(r);
      if (choices[c] === l) beta = beta.add(p256.Point.BASE);
      assert.equal(hex(ballot.subarray(o + 65, o + 130)), beta.toHex(false));
    }
  }
}

test('a manifest whose hash does not match its content is refused', () => {
  const mf = { ...kat.THREE_LEVEL.manifest };
  mf.title = mf.title + ' ';
  assert.throws(() => sealerManifest(JSON.stringify(mf)), /hash does not match/);
  const other = { ...kat.THREE_LEVEL.manifest, hash: kat.TWO_LEVEL.manifest.hash };
  assert.throws(() => sealerManifest(JSON.stringify(other)), /hash does not match/);
});

test('the manifest hashes NFC: a decomposed title gives the same hash', () => {
  const mf = { ...kat.THREE_LEVEL.manifest, title: kat.THREE_LEVEL.manifest.title.normalize('NFD') };
  assert.equal(hex(sealerManifest(JSON.stringify(mf)).hash), kat.THREE_LEVEL.manifest.hash);
});

test('wrong choices are refused and still zeroed', async () => {
  const sm = sealerManifest(JSON.stringify(kat.THREE_LEVEL.manifest));
  for (const bad of [[0], [0, 3], [-2, 0], [0.5, 1], [1, 2, 0]]) {
    const choices = [...bad];
    await assert.rejects(seal(sm, choices, { yieldEvery: noYield }));
    assert.deepEqual(choices, bad.map(() => 0));
  }
});

test('two seals of the same choices differ (fresh bytes and the uniquifier)', async () => {
  const sm = sealerManifest(JSON.stringify(kat.TWO_LEVEL.manifest));
  const a = await seal(sm, [0, 1]);
  const b = await seal(sm, [0, 1]);
  assert.notEqual(hex(a.ballot.subarray(5, 21)), hex(b.ballot.subarray(5, 21)));
  assert.notEqual(a.trackingCode, b.trackingCode);
  // the same fresh bytes but another uniquifier: still another ballot
  const c = await seal(sm, [0, 1], { random: new Uint8Array(32), uniquifier: 1n });
  const d = await seal(sm, [0, 1], { random: new Uint8Array(32), uniquifier: 2n });
  assert.notEqual(hex(c.ballot), hex(d.ballot));
});

test('seal yields between candidates: once per candidate for the ciphertexts, once for B, once per candidate for the proofs', async () => {
  const sm = sealerManifest(JSON.stringify(kat.THREE_LEVEL.manifest));
  let yields = 0;
  await seal(sm, [0, -1], { yieldEvery: async () => void yields++ });
  assert.equal(yields, 2 + 1 + 2);
});

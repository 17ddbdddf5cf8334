/**
 * tn-sealer: the ballot sealer of the voting tablet (docs/protocol.md section 5), so that the voter's
 * choices never leave the tablet in the clear. Byte for byte the same as the Java sealer
 * (vn.tinnhiem.crypto.BallotSealer): given the same 32 fresh bytes and uniquifier it gives the same
 * ballot, which the known-answer test (src/test/frontend/tn-sealer.test.ts, run by `./mvnw verify` through
 * TypeScriptSealerTests) checks against src/test/resources/vn/tinnhiem/crypto/kat-v1.json.
 *
 * One file; it imports only @noble/curves (P-256's parameters, point decoding and validation, field
 * inversion, and the complete point addition where the sealer's own formulas have exceptional cases) and
 * @noble/hashes (SHA-256, SHA-512), both 2.4.0, pinned in pom.xml (the Node tests)
 * and in the kiosk component's @NpmPackage (the bundle). Why these two: they are audited (curves by
 * Trail of Bits at 2.3.0 in 2026 and at 0.7.3 in 2023, by Kudelski in 2023 and Cure53 in 2024 for parts;
 * hashes by Cure53 in 2022), dependency-free (curves depends only on hashes, hashes on nothing),
 * constant-time-minded (complete addition formulas without branches, secret-scalar code without
 * scalar-dependent branches; their README says plainly that BigInt field operations are not constant
 * time), small, readable, and maintained (several releases a year). Not WebCrypto: it has no raw
 * elliptic-curve point arithmetic, and its SHA digest is async per call and cannot clone a SHA-512
 * state, which the hedged nonces (5.5) need.
 *
 * What JavaScript cannot promise: constant time. BigInt arithmetic takes value-dependent time and the
 * engine may compile anything into a branch. What this file does instead, as the Java sealer does:
 * the sequence of operations does not depend on the votes. Both β candidates (rK and rK + G) are
 * computed for every item, both branches of every 0/1 proof (the real one and the simulated one, and the
 * simulated b for both signs of c'), and the values are picked afterwards by masking their bytes; the
 * responses c_0, v_0, v_1 are picked the same way.
 * Every fixed-base product is the same 31 mixed additions whatever the scalar; their one branch (to
 * noble's complete addition, for a sum the formulas cannot compute) is taken only when a partial sum is
 * at infinity or ± the table entry, which hedged nonces reach with probability about 2^−250.
 *
 * What it zeroes: the caller's choices array (filled with 0 before returning, also on error), the bits,
 * the secret bytes of the nonce session, the fresh random bytes, the scalar bytes it wrote and read, and
 * the SHA-512 session state (noble's destroy()). BigInt values (nonces, responses) cannot be zeroed: they
 * are dropped when seal returns. The opening (5.6) holds the choices and every r: it is returned to the
 * caller, who sends it only when the voter asks to check the tablet, and drops it otherwise.
 */
import { p256 } from '@noble/curves/nist.js';
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';

type Point = WeierstrassPoint<bigint>;

const Point = p256.Point;
const G: Point = Point.BASE;
const Q: bigint = Point.Fn.ORDER;
/** Size of an uncompressed point. */
const PT = 65;

/**
 * Field arithmetic of P-256 on plain bigints, for the fixed-base products below. Coordinates are kept
 * in (−p, p): every product is reduced with BigInt `%` (whose sign follows the dividend), sums and
 * differences are reduced with the next product, and a coordinate is brought into [0, p) only when the
 * point is made affine. Measured in Node 24: `(a · b) % p` about 340 ns, of which the product about
 * 130 ns; a Solinas reduction (p's 32-bit words) costs more than that in BigInt operations alone (splitting
 * a 512-bit value into words took 1.5 µs), so `%` stays.
 */
const Fp = Point.Fp;
const P: bigint = Fp.ORDER;

/** x in [0, p). */
const fp = (x: bigint): bigint => {
  const r = x % P;
  return r < 0n ? r + P : r;
};

/** A point in Jacobian coordinates: x = X/Z², y = Y/Z³; Z = 0 is the point at infinity. */
interface Jac {
  X: bigint;
  Y: bigint;
  Z: bigint;
}

/** To noble's point (homogeneous: x = X/Z, y = Y/Z): (X·Z, Y, Z³). */
function toNoble(a: Jac): Point {
  const Z = fp(a.Z);
  if (Z === 0n) return Point.ZERO;
  return new Point(fp(a.X * Z), fp(a.Y), fp(((Z * Z) % P) * Z));
}

/** From noble's point: (X·Z, Y·Z², Z); noble's zero (0, 1, 0) becomes Z = 0. */
function fromNoble(p: Point): Jac {
  return { X: (p.X * p.Z) % P, Y: (p.Y * ((p.Z * p.Z) % P)) % P, Z: p.Z };
}

/** a + b with noble's complete formulas (no exceptional case). */
function addComplete(a: Jac, b: Point): Jac {
  return fromNoble(toNoble(a).add(b));
}

/**
 * a + (x2, y2), the second point affine (in [0, p)): the mixed Jacobian-affine addition
 * (8 multiplications, 3 squarings; Cohen, Miyaji, Ono 1998). Its formulas are wrong in three cases: a at
 * infinity, a = (x2, y2) (a doubling) and a = −(x2, y2) (the sum is infinity). All three, and only
 * they, make Z3 = Z·H ≡ 0 (p is prime): then the sum is recomputed with noble's complete addition. In
 * a product of hedged nonces that happens with probability about 2^−250; in a table build it happens
 * once per row (2P = P + P, public points). So the result is always right.
 */
function addMixed(a: Jac, x2: bigint, y2: bigint): Jac {
  const X1 = a.X;
  const Y1 = a.Y;
  const Z1 = a.Z;
  const Z1Z1 = (Z1 * Z1) % P;
  const H = (x2 * Z1Z1) % P - X1; // U2 − X1
  const r = (y2 * ((Z1 * Z1Z1) % P)) % P - Y1; // S2 − Y1
  const Z3 = (Z1 * H) % P;
  if (Z3 === 0n) return addComplete(a, Point.fromAffine({ x: x2, y: y2 }));
  const HH = (H * H) % P;
  const HHH = (H * HH) % P;
  const V = (X1 * HH) % P;
  const X3 = (r * r - HHH - V - V) % P;
  return { X: X3, Y: (r * (V - X3) - Y1 * HHH) % P, Z: Z3 };
}

/**
 * The affine coordinates of points, x and y in [0, p), with one field inversion for all of them
 * (Montgomery's trick: invert the product of the Z, then peel the inverses off one by one). Throws if
 * one is at infinity (it has no encoding; noble's toBytes throws there too).
 */
function toAffine(ps: Jac[]): { xs: bigint[]; ys: bigint[] } {
  const n = ps.length;
  const prefix: bigint[] = new Array(n);
  let acc = 1n;
  for (let i = 0; i < n; i++) {
    if (ps[i].Z === 0n) throw new Error('point at infinity');
    prefix[i] = acc;
    acc = (acc * ps[i].Z) % P;
  }
  let inv = Fp.inv(fp(acc));
  const xs: bigint[] = new Array(n);
  const ys: bigint[] = new Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const zi = (inv * prefix[i]) % P; // 1/Z_i
    inv = (inv * ps[i].Z) % P; // 1/(Z_0 ... Z_{i−1})
    const zi2 = (zi * zi) % P;
    xs[i] = fp(ps[i].X * zi2);
    ys[i] = fp(ps[i].Y * ((zi2 * zi) % P));
  }
  return { xs, ys };
}

const HEX_DIGIT = new Uint8Array(128);
for (let i = 0; i < 16; i++) HEX_DIGIT['0123456789abcdef'.charCodeAt(i)] = i;

/** The uncompressed encoding 04 ‖ x ‖ y (65 bytes) of an affine point, x and y in [0, p). */
function encodePoint(x: bigint, y: bigint): Uint8Array {
  const s = x.toString(16).padStart(64, '0') + y.toString(16).padStart(64, '0');
  const out = new Uint8Array(PT);
  out[0] = 4;
  for (let i = 0; i < 64; i++) out[1 + i] = (HEX_DIGIT[s.charCodeAt(2 * i)] << 4) | HEX_DIGIT[s.charCodeAt(2 * i + 1)];
  return out;
}

/**
 * Fixed-base multiplication, as the Java sealer's FixedBaseTable: row i holds e · 256^i · P for
 * e = 1..256 (affine bigint pairs), and k · P is the sum of one entry per row for the regular recoding of
 * k: 32 digits e_i in 1..256, never 0, with Σ e_i 256^i = k mod q (e_i = byte i of (k − C) mod q, plus 1;
 * C = Σ 256^i). So every product is the same 31 additions whatever the scalar; which entry of a row is
 * read depends on the digit (a cache line, as in Java), and the digits are those of hedged nonces.
 *
 * Why not noble's precompute(), nor noble's Point.add: precompute's multiply() normalises every product
 * to affine (one field inversion each) and measured twice as slow as these tables with noble's additions
 * (610 against 300 µs per product in Node 24); and with noble's complete projective addition (about 14
 * multiplications and a new Point object per addition) the 31 additions were then nearly all of the
 * seal's time. So the table's entries are affine bigint pairs, a product accumulates in Jacobian
 * coordinates with the mixed addition above on plain bigints (8 multiplications, 3 squarings, no object
 * in the loop; noble's complete addition only in the exceptional cases), about 120 µs per product in
 * Node 24 against 300; the products stay Jacobian and the sealer makes a whole candidate's points affine
 * with one inversion (toAffine). Building a table is 8,160 mixed additions and 32 inversions (about
 * 50 ms in Node, 100 ms before): once for G, once per election key (sealerManifest keeps the last one).
 */
class FixedBase {
  /** Entry e of row i (x, y) at index 256 i + e − 1. */
  private readonly xs: bigint[] = [];
  private readonly ys: bigint[] = [];

  constructor(base: Point) {
    const b = base.toAffine();
    let bx = b.x;
    let by = b.y;
    for (let i = 0; i < 32; i++) {
      const row: Jac[] = [];
      let acc: Jac = { X: bx, Y: by, Z: 1n };
      row.push(acc);
      for (let e = 2; e <= 256; e++) {
        acc = addMixed(acc, bx, by); // e = 2 is a doubling: addMixed's exceptional case
        row.push(acc);
      }
      const { xs, ys } = toAffine(row);
      for (let e = 0; e < 256; e++) {
        this.xs.push(xs[e]);
        this.ys.push(ys[e]);
      }
      bx = xs[255]; // 256 · 256^i · P
      by = ys[255];
    }
  }

  /** k · P, Jacobian: addMixed written out in the loop (no object per addition). */
  multiply(k: bigint): Jac {
    // the bytes of (k − C) mod q as 64 hex digits, most significant first; digit i is byte 31 − i
    const s = mod(k - RECODE_OFFSET).toString(16).padStart(64, '0');
    const xs = this.xs;
    const ys = this.ys;
    let j = (HEX_DIGIT[s.charCodeAt(62)] << 4) | HEX_DIGIT[s.charCodeAt(63)];
    let X = xs[j];
    let Y = ys[j];
    let Z = 1n;
    for (let i = 1; i < 32; i++) {
      const at = 62 - 2 * i;
      j = (i << 8) | (HEX_DIGIT[s.charCodeAt(at)] << 4) | HEX_DIGIT[s.charCodeAt(at + 1)];
      const x2 = xs[j];
      const y2 = ys[j];
      const Z1Z1 = (Z * Z) % P;
      const H = (x2 * Z1Z1) % P - X;
      const r = (y2 * ((Z * Z1Z1) % P)) % P - Y;
      const Z3 = (Z * H) % P;
      if (Z3 === 0n) {
        // the exceptional cases of addMixed (probability about 2^−250 here): noble's complete addition
        const sum = addComplete({ X, Y, Z }, Point.fromAffine({ x: x2, y: y2 }));
        X = sum.X;
        Y = sum.Y;
        Z = sum.Z;
        continue;
      }
      const HH = (H * H) % P;
      const HHH = (H * HH) % P;
      const V = (X * HH) % P;
      const X3 = (r * r - HHH - V - V) % P;
      Y = (r * (V - X3) - Y * HHH) % P;
      X = X3;
      Z = Z3;
    }
    return { X, Y, Z };
  }
}

/** C = Σ_{i<32} 256^i. */
const RECODE_OFFSET = BigInt('0x' + '01'.repeat(32));

let gTable: FixedBase | undefined;
const gBase = (): FixedBase => (gTable ??= new FixedBase(G));
/** The last election key's table: the page reads the same manifest for every voter (sealerManifest). */
let lastKey: { key: string; table: FixedBase } | undefined;

// ---------------------------------------------------------------------------------------------------
// Bytes

export function hex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
  return s;
}

export function fromHex(s: string): Uint8Array {
  if (typeof s !== 'string' || s.length % 2 !== 0 || !/^[0-9a-f]*$/.test(s)) {
    throw new Error('expected lower-case hex of even length');
  }
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.substring(2 * i, 2 * i + 2), 16);
  return out;
}

const ascii = (s: string): Uint8Array => {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
};

const utf8 = new TextEncoder();

function u32(v: number): Uint8Array {
  return new Uint8Array([(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]);
}

function scalarBytes(x: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

function toBigInt(bytes: Uint8Array): bigint {
  let x = 0n;
  for (let i = 0; i < bytes.length; i++) x = (x << 8n) | BigInt(bytes[i]);
  return x;
}

const mod = (x: bigint): bigint => {
  const r = x % Q;
  return r < 0n ? r + Q : r;
};

/** out[at, at + n) = b === 1 ? one : zero, by masking every byte of both (b is 0 or 1). */
function select(b: number, one: Uint8Array, zero: Uint8Array, out: Uint8Array, at: number): void {
  const mask = -b & 0xff;
  for (let i = 0; i < one.length; i++) out[at + i] = zero[i] ^ (mask & (zero[i] ^ one[i]));
}

// ---------------------------------------------------------------------------------------------------
// Hashing (section 3): H(tag, p_1, ..., p_k) = SHA-256(u32(len tag) ‖ tag ‖ u32(len p_1) ‖ p_1 ‖ ...)

interface Updatable {
  update(data: Uint8Array): unknown;
}

function part(h: Updatable, p: Uint8Array): void {
  h.update(u32(p.length));
  h.update(p);
}

function tagged(tag: string) {
  const h = sha256.create();
  part(h, ascii(tag));
  return h;
}

function hashParts(tag: string, ...parts: Uint8Array[]): Uint8Array {
  const h = tagged(tag);
  for (const p of parts) part(h, p);
  return h.digest();
}

// ---------------------------------------------------------------------------------------------------
// Manifest (section 4.1 and the JSON of section 9)

const KINDS: Record<string, { code: number; levels: string[] }> = {
  THREE_LEVEL: { code: 1, levels: ['HIGH', 'MEDIUM', 'LOW'] },
  TWO_LEVEL: { code: 2, levels: ['CONFIDENCE', 'NO_CONFIDENCE'] },
};

export interface SealerManifest {
  /** Q̄, the manifest hash (32 bytes), recomputed from the manifest's encoding. */
  hash: Uint8Array;
  /** K, the election key. */
  key: Point;
  /** K's fixed-base table (opaque). */
  keyTable: unknown;
  /** m, the number of candidates. */
  candidates: number;
  /** L, the number of levels (3 for THREE_LEVEL, 2 for TWO_LEVEL). */
  levels: number;
  /** THREE_LEVEL or TWO_LEVEL. */
  kind: string;
}

class Writer {
  private chunks: Uint8Array[] = [];
  private size = 0;
  raw(b: Uint8Array): this {
    this.chunks.push(b);
    this.size += b.length;
    return this;
  }
  u8(v: number): this {
    return this.raw(new Uint8Array([v & 0xff]));
  }
  u32(v: number): this {
    return this.raw(u32(v));
  }
  str(s: string): this {
    const b = utf8.encode(s.normalize('NFC'));
    return this.u32(b.length).raw(b);
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

function need(ok: boolean, what: string): void {
  if (!ok) throw new Error('manifest: ' + what);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown, lo: number, hi: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;

function point33(h: unknown, what: string): Point {
  need(isString(h) && h.length === 66, what + ' is not a compressed point');
  const p = Point.fromBytes(fromHex(h as string));
  p.assertValidity();
  return p;
}

/**
 * The manifest encoding of section 4.1, from the canonical JSON (Manifest.toJson()). Exported for the
 * known-answer test; a caller wants {@link sealerManifest}.
 */
export function manifestEncoding(manifestJson: string): { encoding: Uint8Array; key: Point; kind: string; m: number } {
  const j = JSON.parse(manifestJson) as Record<string, unknown>;
  need(j !== null && typeof j === 'object', 'not an object');
  need(isString(j.electionId) && isString(j.title) && isString(j.ruleSet), 'electionId, title, ruleSet');
  const kind = KINDS[j.kind as string];
  need(isString(j.kind) && kind !== undefined && Object.hasOwn(KINDS, j.kind as string), 'kind');
  const cands = j.candidates;
  need(Array.isArray(cands) && cands.length >= 1 && cands.length <= 65535, '1 to 65535 candidates');
  need(isInt(j.k, 1, 255) && isInt(j.n, 1, 255) && (j.k as number) <= (j.n as number), '1 <= k <= n <= 255');
  const commitments = j.commitments;
  need(Array.isArray(commitments) && commitments.length === j.k, 'exactly k commitments');
  need((commitments as unknown[])[0] === j.electionKey, 'C_0 must equal the election key');
  const key = point33(j.electionKey, 'electionKey');
  const w = new Writer().raw(ascii('TN1M')).u8(1);
  w.str(j.electionId as string).str(j.title as string).u8(kind.code).u8(kind.levels.length);
  for (const level of kind.levels) w.str(level);
  w.str(j.ruleSet as string).u32((cands as unknown[]).length);
  const ids = new Set<string>();
  (cands as Record<string, unknown>[]).forEach((c, i) => {
    need(c !== null && typeof c === 'object', 'candidate ' + (i + 1));
    need(isString(c.id) && isString(c.name) && isString(c.position), 'candidate ' + (i + 1) + ' fields');
    need(c.order === i + 1, 'candidate orders must be 1..m in list order');
    const id = (c.id as string).normalize('NFC');
    need(!ids.has(id), 'duplicate candidate id');
    ids.add(id);
    w.str(c.id as string).u32(i + 1).str(c.name as string).str(c.position as string);
  });
  w.u8(j.k as number).u8(j.n as number).raw(key.toBytes(true));
  (commitments as unknown[]).forEach((c, i) => w.raw(point33(c, 'commitment ' + i).toBytes(true)));
  return { encoding: w.bytes(), key, kind: j.kind as string, m: (cands as unknown[]).length };
}

/**
 * Reads the manifest JSON the tablet shows, recomputes Q̄ from its section-4.1 encoding and refuses a
 * JSON whose "hash" differs (the tablet seals only for the manifest it shows). Builds K's fixed-base
 * table (about 50 ms in Node) unless the last call had the same key (the table is kept), so calling it
 * for every voter costs the hash check only.
 */
export function sealerManifest(manifestJson: string): SealerManifest {
  const { encoding, key, kind, m } = manifestEncoding(manifestJson);
  const hash = hashParts('TN1/manifest', encoding);
  const claimed = (JSON.parse(manifestJson) as Record<string, unknown>).hash;
  need(isString(claimed) && claimed === hex(hash), 'its hash does not match its content');
  gBase();
  const k = hex(key.toBytes(true));
  if (lastKey?.key !== k) lastKey = { key: k, table: new FixedBase(key) };
  return { hash, key, keyTable: lastKey.table, candidates: m, levels: KINDS[kind].levels.length, kind };
}

// ---------------------------------------------------------------------------------------------------
// Hedged nonces (section 5.5)

/** Process-wide counter of the uniquifier. */
let calls = 0n;
const U64 = (1n << 64n) - 1n;

/** The uniquifier of 5.5: a counter mixed with the clock (nanoseconds, as far as the browser tells). */
function uniquifier(): bigint {
  calls += 1n;
  const now = typeof performance !== 'undefined' ? performance.timeOrigin + performance.now() : Date.now();
  const nanos = BigInt(Math.floor(now * 1e6));
  return (calls ^ (nanos << 20n)) & U64;
}

class Session {
  private seed: ReturnType<typeof sha512.create>;

  constructor(tag: string, fresh: Uint8Array, unique: bigint, secret: Uint8Array, context: Uint8Array[]) {
    const h = sha512.create();
    part(h, ascii(tag));
    part(h, fresh);
    const u = new Uint8Array(8);
    for (let i = 7, x = unique & U64; i >= 0; i--, x >>= 8n) u[i] = Number(x & 0xffn);
    part(h, u);
    part(h, secret);
    for (const c of context) part(h, c);
    this.seed = h;
  }

  /** value(purpose, a, b, attempt): 64 bytes. */
  private block(purpose: number, a: number, b: number, attempt: number): Uint8Array {
    const h = this.seed.clone();
    const p = new Uint8Array(16);
    p.set(u32(purpose), 0);
    p.set(u32(a), 4);
    p.set(u32(b), 8);
    p.set(u32(attempt), 12);
    part(h, p);
    return h.digest();
  }

  nonce(purpose: number, a: number, b: number): bigint {
    for (let attempt = 0; ; attempt++) {
      const v = this.block(purpose, a, b, attempt);
      const x = toBigInt(v) % Q;
      v.fill(0);
      if (x !== 0n) return x;
    }
  }

  bytes(purpose: number, a: number, b: number, n: number): Uint8Array {
    const v = this.block(purpose, a, b, 0);
    const out = v.slice(0, n);
    v.fill(0);
    return out;
  }

  destroy(): void {
    this.seed.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------
// Sealing (sections 5.1, 5.2)

const SC = 32;
const CT = 2 * PT;
const ITEM = CT + 4 * PT + 3 * SC; // 486
const SUM = 4 * PT + 3 * SC; // 356
const HEADER = 24;

/** Purposes of the hedged values of a ballot (5.5). */
const ID = 0;
const R = 1;
const U = 2;
const C_SIM = 3;
const V_SIM = 4;

export interface Sealed {
  /** The sealed ballot, section 5.2. */
  ballot: Uint8Array;
  /** XXXX-XXXX-XXXX-XXXX, section 5.3. */
  trackingCode: string;
  /** The opening, section 5.6: choices and every r. Secret as the vote itself. */
  opening: Uint8Array;
}

export interface SealOptions {
  /** 32 fresh bytes; default crypto.getRandomValues. Zeroed after use. */
  random?: Uint8Array;
  /** Default: a counter mixed with the clock (5.5). 0n reproduces the known-answer vectors. */
  uniquifier?: bigint;
  /** Called between candidates so that no frame is held long; default: a macrotask yield. */
  yieldEvery?: () => Promise<void>;
}

/** Yields to the event loop (a macrotask, so rendering and input run in between). */
function macrotask(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s && typeof s.yield === 'function') return s.yield();
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(0);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** One 0/1 proof's secrets: the nonce u, the simulated c' and v', the statement's nonce and bit. */
interface ProofSecrets {
  u: bigint;
  cSim: bigint;
  vSim: bigint;
  r: bigint;
  bit: number;
}

/**
 * The commitments a_0, b_0, a_1, b_1 of a proof that (α, β) with nonce r encrypts bit b: the real branch
 * j = b is (uG, uK); the simulated j' = 1 − b is a = tG, b = tK + c'(b − j')G with t = v' + c'r, where
 * b − j' = +1 if b = 1 and −1 if b = 0. Both signs are computed (tK + c'G and tK − c'G); the points are
 * returned projective, to be normalised with the others of the candidate, with the bit to pick by.
 */
function commitments(s: ProofSecrets, Gt: FixedBase, K: FixedBase): Jac[] {
  const t = mod(s.vSim + s.cSim * s.r);
  const uG = Gt.multiply(s.u);
  const uK = K.multiply(s.u);
  const tG = Gt.multiply(t);
  const tK = toNoble(K.multiply(t));
  const cG = toNoble(Gt.multiply(s.cSim));
  return [uG, uK, tG, fromNoble(tK.add(cG)), fromNoble(tK.subtract(cG))];
}

/** Writes a_0, b_0, a_1, b_1 at out[at, at + 260) from the five encoded points of commitments(). */
function writeCommitments(bit: number, enc: Uint8Array[], out: Uint8Array, at: number): void {
  const [uG, uK, tG, tKplus, tKminus] = enc;
  const bSim = new Uint8Array(PT);
  select(bit, tKplus, tKminus, bSim, 0);
  // (a0, b0) = bit ? simulated : real; (a1, b1) = bit ? real : simulated
  select(bit, tG, uG, out, at);
  select(bit, bSim, uK, out, at + PT);
  select(bit, uG, tG, out, at + 2 * PT);
  select(bit, uK, bSim, out, at + 3 * PT);
}

/** c_b = ch − c', v_b = u − c_b r; writes c_0, v_0, v_1 at out[at, at + 96), picked by masking. */
function respond(s: ProofSecrets, ch: bigint, out: Uint8Array, at: number): void {
  const cReal = mod(ch - s.cSim);
  const vReal = mod(s.u - cReal * s.r);
  const cr = scalarBytes(cReal);
  const vr = scalarBytes(vReal);
  const cs = scalarBytes(s.cSim);
  const vs = scalarBytes(s.vSim);
  // bit 0: c0 = cReal, v0 = vReal, v1 = vSim; bit 1: c0 = cSim, v0 = vSim, v1 = vReal
  select(s.bit, cs, cr, out, at);
  select(s.bit, vs, vr, out, at + SC);
  select(s.bit, vr, vs, out, at + 2 * SC);
  cr.fill(0);
  vr.fill(0);
  cs.fill(0);
  vs.fill(0);
}

/** Size of a sealed ballot: 24 + m (486 L + 356). */
export function ballotSize(m: number, levels: number): number {
  return HEADER + m * (ITEM * levels + SUM);
}

/**
 * Seals one ballot. choices[c] is the level index (0-based, in the kind's level order) for candidate c,
 * or −1 for blank. The array is filled with 0 before this returns (also on error). Yields between
 * candidates: the ciphertexts and commitments per candidate, then the binding B, then the responses per
 * candidate.
 */
export async function seal(m: SealerManifest, choices: number[], options: SealOptions = {}): Promise<Sealed> {
  const M = m.candidates;
  const L = m.levels;
  const items = M * L;
  const bits = new Uint8Array(items);
  const openingChoices = new Uint8Array(M);
  const yieldNow = options.yieldEvery ?? macrotask;
  let fresh: Uint8Array | undefined;
  let session: Session | undefined;
  const secrets: ProofSecrets[] = [];
  const r: bigint[] = [];
  try {
    if (!Array.isArray(choices) || choices.length !== M) throw new Error('choices must have one entry per candidate');
    for (let c = 0; c < M; c++) {
      const choice = choices[c];
      if (!Number.isInteger(choice) || choice < -1 || choice >= L) throw new Error('choice out of range');
      openingChoices[c] = choice & 0xff; // −1 (blank) is 0xFF
      for (let l = 0; l < L; l++) {
        // 1 if choice === l, without a branch: d | −d has its top bit set unless d === 0
        const d = choice ^ l;
        bits[c * L + l] = ((d | -d) >>> 31) ^ 1;
      }
    }
    choices.fill(0);
    // From here on the choices live only in bits, openingChoices and the session's secret.

    const out = new Uint8Array(ballotSize(M, L));
    out.set(ascii('TN1B'), 0);
    out[4] = 1;
    out[21] = (M >>> 8) & 0xff;
    out[22] = M & 0xff;
    out[23] = L;
    fresh = options.random ?? crypto.getRandomValues(new Uint8Array(32));
    if (fresh.length !== 32) throw new Error('need 32 random bytes');
    const secret = bits.slice();
    session = new Session('TN1/nonce/seal', fresh, options.uniquifier ?? uniquifier(), secret, [
      m.hash,
      out.slice(21, 24),
    ]);
    secret.fill(0);
    fresh.fill(0);
    const id = session.bytes(ID, 0, 0, 16);
    out.set(id, 5);

    const K = m.keyTable as FixedBase;
    const Gt = gBase();
    const blockSize = ITEM * L + SUM;
    for (let c = 0; c < M; c++) {
      const pts: Jac[] = [];
      let rSum = 0n;
      let bSum = 0;
      for (let l = 0; l < L; l++) {
        const p = c * L + l;
        const rp = session.nonce(R, c, l);
        r[p] = rp;
        rSum += rp;
        bSum += bits[p];
        const rK = K.multiply(rp);
        // α = rG; β = rK (bit 0) or rK + G (bit 1): both computed
        pts.push(Gt.multiply(rp), rK, addMixed(rK, G.x, G.y));
        secrets[p] = {
          u: session.nonce(U, p, 0),
          cSim: session.nonce(C_SIM, p, 0),
          vSim: session.nonce(V_SIM, p, 0),
          r: rp,
          bit: bits[p],
        };
        pts.push(...commitments(secrets[p], Gt, K));
      }
      const sp = items + c;
      secrets[sp] = {
        u: session.nonce(U, sp, 0),
        cSim: session.nonce(C_SIM, sp, 0),
        vSim: session.nonce(V_SIM, sp, 0),
        r: mod(rSum),
        bit: bSum,
      };
      pts.push(...commitments(secrets[sp], Gt, K));
      const { xs, ys } = toAffine(pts);
      const enc = xs.map((x, i) => encodePoint(x, ys[i]));
      for (let l = 0; l < L; l++) {
        const p = c * L + l;
        const o = HEADER + c * blockSize + ITEM * l;
        const e = 8 * l;
        out.set(enc[e], o);
        select(bits[p], enc[e + 2], enc[e + 1], out, o + PT);
        writeCommitments(bits[p], enc.slice(e + 3, e + 8), out, o + CT);
      }
      writeCommitments(bSum, enc.slice(8 * L, 8 * L + 5), out, HEADER + c * blockSize + ITEM * L);
      await yieldNow();
    }

    // B: the header and every ciphertext, each α ‖ β one part
    const bind = tagged('TN1/ballot/bind');
    part(bind, out.subarray(0, HEADER));
    for (let c = 0; c < M; c++) {
      for (let l = 0; l < L; l++) part(bind, out.subarray(HEADER + c * blockSize + ITEM * l, HEADER + c * blockSize + ITEM * l + CT));
    }
    const B = bind.digest();
    await yieldNow();

    for (let c = 0; c < M; c++) {
      const base = HEADER + c * blockSize;
      for (let l = 0; l < L; l++) {
        const o = base + ITEM * l;
        const h = tagged('TN1/proof/01');
        part(h, m.hash);
        part(h, B);
        part(h, u32(c));
        part(h, u32(l));
        for (let i = 0; i < 6; i++) part(h, out.subarray(o + i * PT, o + (i + 1) * PT));
        respond(secrets[c * L + l], toBigInt(h.digest()) % Q, out, o + CT + 4 * PT);
      }
      const so = base + ITEM * L;
      const h = tagged('TN1/proof/sum');
      part(h, m.hash);
      part(h, B);
      part(h, u32(c));
      for (let l = 0; l < L; l++) {
        const o = base + ITEM * l;
        part(h, out.subarray(o, o + PT));
        part(h, out.subarray(o + PT, o + CT));
      }
      for (let i = 0; i < 4; i++) part(h, out.subarray(so + i * PT, so + (i + 1) * PT));
      respond(secrets[items + c], toBigInt(h.digest()) % Q, out, so + 4 * PT);
      await yieldNow();
    }

    // The opening (5.6): header, choices, every r in ballot order
    const opening = new Uint8Array(HEADER + M + SC * items);
    opening.set(ascii('TN1O'), 0);
    opening[4] = 1;
    opening.set(out.subarray(5, HEADER), 5);
    opening.set(openingChoices, HEADER);
    for (let p = 0; p < items; p++) {
      const rb = scalarBytes(r[p]);
      opening.set(rb, HEADER + M + SC * p);
      rb.fill(0);
    }
    return { ballot: out, trackingCode: trackingCode(out), opening };
  } finally {
    if (Array.isArray(choices)) choices.fill(0);
    bits.fill(0);
    openingChoices.fill(0);
    fresh?.fill(0);
    session?.destroy();
    for (const s of secrets) {
      if (s) {
        s.u = s.cSim = s.vSim = s.r = 0n;
        s.bit = 0;
      }
    }
    r.fill(0n);
  }
}

// ---------------------------------------------------------------------------------------------------
// Tracking code (section 5.3)

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Crockford base32 of the first 80 bits of H("TN1/ballot", ballot), as XXXX-XXXX-XXXX-XXXX. */
export function trackingCode(ballot: Uint8Array): string {
  const h = hashParts('TN1/ballot', ballot);
  let bitsValue = toBigInt(h.subarray(0, 10));
  let code = '';
  for (let i = 15; i >= 0; i--) {
    code = CROCKFORD[Number(bitsValue & 31n)] + code;
    bitsValue >>= 5n;
  }
  return code.substring(0, 4) + '-' + code.substring(4, 8) + '-' + code.substring(8, 12) + '-' + code.substring(12, 16);
}

/*
 * <tn-qr-scanner>: the camera preview that reads QR codes, used by the Java component
 * vn.tinnhiem.shared.ui.QrScanner (which adds the typed field and every text).
 *
 * Reading: the browser's BarcodeDetector where it knows QR codes (Android Chrome, macOS), else jsQR (Linux
 * Chromium, iPad Safari), loaded only when needed. Not ZXing's JavaScript port (@zxing/library 0.23.0): it could
 * not read about one card in twelve from any frame, however sharp, while jsQR read them all (docs/performance.md,
 * "Known flaky").
 *
 * Events (both bubble out of the element):
 *   qr-scan       detail {text}: a code was read. The same text is not sent again until it has been out
 *                 of sight for 2 s, so a card held in front of the camera is one read, not thirty.
 *   camera-state  detail {state, reason}: state is starting, running, paused or error; reason (with
 *                 error) is insecure, unsupported, denied, none, busy or other.
 *
 * The camera runs only while the element is in the page, visible and not `paused`: detaching, pausing or
 * hiding the tab stops every track, so the camera's light goes off.
 *
 * `counters` (a read-only property) says what the element did since it was created, for a test whose read
 * never came and a person looking at a camera that reads nothing: see ScannerCounters.
 */
import { LitElement, css, html } from 'lit';

type Detect = (video: HTMLVideoElement) => Promise<string | null>;

/** What the scanner did since it was created (never a text read: those may be secrets). */
export interface ScannerCounters {
  /** Camera starts asked for, and how many reached `running`. */
  starts: number;
  running: number;
  /** Frames the camera delivered to the video element (requestVideoFrameCallback; -1 where unsupported). */
  videoFrames: number;
  /** Scan ticks (every 120 ms while running), and those that found a frame in the video to read. */
  ticks: number;
  framesSeen: number;
  /** Frames handed to the detector, the time it took in all (ms), and those in which it found a code. */
  decodesTried: number;
  decodeMs: number;
  codesFound: number;
  /** qr-scan events dispatched (new reads and re-sends), and re-sends among them. */
  textsSent: number;
  resends: number;
  /** Read ids the server acknowledged (the `heard` property), each counted once. */
  acknowledgements: number;
  /** The video's size, as the camera delivers it (e.g. 640x480), at the last frame seen. */
  frameSize: string;
  /** performance.now() of the last text sent and of the last acknowledgement (0: never), and now. */
  lastSentAt: number;
  lastAckAt: number;
  now: number;
}

/** The same text is a new read only after this long out of sight. */
const SAME_TEXT_QUIET_MS = 2000;
/**
 * A text still in sight that the server has not acknowledged (its `heard` property) is sent again after
 * this long: a read lost on its way (the page's connection busy or just opening) is not lost for good while
 * the card is held up. The server drops a re-send of a read (same id) it already heard.
 */
const RESEND_MS = 1500;
/** Between two attempts to read a frame: fast enough to feel instant, slow enough for a cheap tablet. */
const SCAN_INTERVAL_MS = 120;
/** jsQR reads a frame scaled to at most this many pixels on its long side (speed; print is large). */
const MAX_SIDE = 800;

export class TnQrScanner extends LitElement {
  static properties = {
    paused: { type: Boolean, reflect: true },
    state: { type: String, reflect: true },
    heard: { type: String },
  };

  static styles = css`
    :host {
      display: block;
    }
    :host([state='error']) .frame {
      display: none;
    }
    .frame {
      position: relative;
      width: 100%;
      max-width: 480px;
      margin: 0 auto;
      aspect-ratio: 4 / 3;
      background: #222;
      border-radius: var(--lumo-border-radius-l, 12px);
      overflow: hidden;
    }
    video {
      width: 100%;
      height: 100%;
      object-fit: cover;
      display: block;
    }
    .aim {
      position: absolute;
      inset: 12% 22%;
      border: 3px solid rgba(255, 255, 255, 0.85);
      border-radius: 12px;
      box-shadow: 0 0 0 100vmax rgba(0, 0, 0, 0.25);
      pointer-events: none;
    }
    :host([paused]) .aim,
    :host([state='starting']) .aim {
      border-style: dashed;
      border-color: rgba(255, 255, 255, 0.5);
    }
  `;

  declare paused: boolean;
  declare state: string;
  /** The ids of the last reads the server acknowledged, space-separated (set by the server; ids, never texts). */
  declare heard: string;

  private stream: MediaStream | null = null;
  private detect: Detect | null = null;
  private timer: number | undefined;
  /** Bumped by every stop, so a start still waiting for the camera knows it is stale. */
  private generation = 0;
  /** When each text was last in sight (only those seen in the last 2 s are kept). */
  private lastSeen = new Map<string, number>();
  /** When each text still in sight was last sent to the server, and under which read id. */
  private lastSent = new Map<string, number>();
  private readIds = new Map<string, string>();
  private reads = 0;
  /** Read ids sent and not yet acknowledged (for the acknowledgements counter; a few at most). */
  private unacknowledged = new Set<string>();
  private readonly count: ScannerCounters = {
    starts: 0, running: 0, videoFrames: 0, ticks: 0, framesSeen: 0, decodesTried: 0, decodeMs: 0, codesFound: 0,
    textsSent: 0, resends: 0, acknowledgements: 0, frameSize: '', lastSentAt: 0, lastAckAt: 0, now: 0,
  };
  private readonly onVisibility = () => (document.hidden ? this.stop() : this.start());

  constructor() {
    super();
    this.paused = false;
    this.state = 'starting';
    this.heard = '';
  }

  render() {
    return html`<div class="frame">
      <video part="video" playsinline muted autoplay disablepictureinpicture></video>
      <div class="aim"></div>
    </div>`;
  }

  connectedCallback() {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    this.updateComplete.then(() => this.start());
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stop();
  }

  /** A copy of the counters, with `now` filled in. */
  get counters(): ScannerCounters {
    return { ...this.count, decodeMs: Math.round(this.count.decodeMs), now: Math.round(performance.now()) };
  }

  /**
   * The video's current frame as the decoder gets it (scaled to at most MAX_SIDE on its long side), as a PNG
   * data URL, or null without a frame: for a test whose read never came, to see what the decoder saw.
   */
  snapshot(): string | null {
    const video = this.video;
    if (!video || video.videoWidth === 0) {
      return null;
    }
    const scale = Math.min(1, MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    canvas.getContext('2d')!.drawImage(video, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/png');
  }

  updated(changed: Map<string, unknown>) {
    if (changed.has('heard')) {
      for (const id of this.heard.split(' ')) {
        if (this.unacknowledged.delete(id)) {
          this.count.acknowledgements++;
          this.count.lastAckAt = Math.round(performance.now());
        }
      }
    }
    if (changed.has('paused') && changed.get('paused') !== undefined) {
      if (this.paused) {
        this.stop();
        this.announce('paused');
      } else {
        // After a pause the same card may be shown again on purpose (the next voter, a retry).
        this.lastSeen.clear();
        this.lastSent.clear();
        this.readIds.clear();
        this.start();
      }
    }
  }

  private get video(): HTMLVideoElement | null {
    return this.renderRoot.querySelector('video');
  }

  private async start() {
    if (this.paused) {
      if (this.state !== 'paused') {
        this.announce('paused');
      }
      return;
    }
    if (!this.isConnected || document.hidden || this.stream) {
      return;
    }
    const generation = ++this.generation;
    if (!window.isSecureContext) {
      this.fail('insecure');
      return;
    }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      this.fail('unsupported');
      return;
    }
    this.announce('starting');
    this.count.starts++;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
      });
    } catch (e) {
      if (generation === this.generation) {
        this.fail(reasonOf(e));
      }
      return;
    }
    if (generation !== this.generation) {
      stream.getTracks().forEach((t) => t.stop());
      return;
    }
    this.stream = stream;
    // The camera taken away (another app on the tablet, a cable pulled): say so rather than freeze.
    stream.getVideoTracks().forEach((track) =>
      track.addEventListener('ended', () => {
        if (generation === this.generation) {
          this.stop();
          this.fail('busy');
        }
      }),
    );
    const video = this.video!;
    // iPad Safari plays a camera inline and without a tap only when the video is muted and inline.
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    try {
      await video.play();
      this.detect ??= await makeDetector();
    } catch (e) {
      if (generation === this.generation) {
        this.stop();
        this.fail('other');
      }
      return;
    }
    if (generation !== this.generation) {
      return;
    }
    this.announce('running');
    this.count.running++;
    this.countVideoFrames(video, generation);
    this.scanLater(generation);
  }

  private stop() {
    this.generation++;
    window.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stream) {
      this.stream.getTracks().forEach((t) => t.stop());
      this.stream = null;
    }
    const video = this.video;
    if (video) {
      video.srcObject = null;
    }
  }

  /** Counts the frames the camera delivers to the video, while this start lasts. */
  private countVideoFrames(video: HTMLVideoElement, generation: number) {
    const withCallback = video as HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number };
    if (!withCallback.requestVideoFrameCallback) {
      this.count.videoFrames = -1;
      return;
    }
    const next = () => {
      if (generation === this.generation) {
        this.count.videoFrames++;
        withCallback.requestVideoFrameCallback!(next);
      }
    };
    withCallback.requestVideoFrameCallback(next);
  }

  private scanLater(generation: number) {
    this.timer = window.setTimeout(() => this.scan(generation), SCAN_INTERVAL_MS);
  }

  private async scan(generation: number) {
    const video = this.video;
    if (generation !== this.generation || !video || !this.detect) {
      return;
    }
    this.count.ticks++;
    if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) {
      this.count.framesSeen++;
      this.count.frameSize = `${video.videoWidth}x${video.videoHeight}`;
      let text: string | null = null;
      const started = performance.now();
      this.count.decodesTried++;
      try {
        text = await this.detect(video);
      } catch {
        text = null;
      }
      this.count.decodeMs += performance.now() - started;
      if (text) {
        this.count.codesFound++;
      }
      if (generation !== this.generation) {
        return;
      }
      if (text) {
        this.seen(text);
      }
    }
    this.scanLater(generation);
  }

  private seen(text: string) {
    const now = performance.now();
    for (const [known, at] of this.lastSeen) {
      if (now - at >= SAME_TEXT_QUIET_MS) {
        this.lastSeen.delete(known);
        this.lastSent.delete(known);
        this.readIds.delete(known);
      }
    }
    // Two cards in sight at once, read in turn, are two reads, not one read per frame.
    const repeat = this.lastSeen.has(text);
    this.lastSeen.set(text, now);
    if (!repeat) {
      this.send(text, false);
    } else if (!this.heard.split(' ').includes(this.readIds.get(text) ?? '')
        && now - (this.lastSent.get(text) ?? 0) >= RESEND_MS) {
      this.send(text, true);
    }
  }

  private send(text: string, resend: boolean) {
    const id = resend && this.readIds.has(text) ? this.readIds.get(text)! : `${Date.now()}-${++this.reads}`;
    this.readIds.set(text, id);
    this.lastSent.set(text, performance.now());
    this.count.textsSent++;
    this.count.lastSentAt = Math.round(performance.now());
    if (resend) {
      this.count.resends++;
    }
    if (this.unacknowledged.size > 16) {
      this.unacknowledged.clear();
    }
    this.unacknowledged.add(id);
    this.dispatchEvent(new CustomEvent('qr-scan', { detail: { text, id, resend }, bubbles: true, composed: true }));
  }

  private fail(reason: string) {
    this.announce('error', reason);
  }

  private announce(state: string, reason: string | null = null) {
    this.state = state;
    this.dispatchEvent(new CustomEvent('camera-state', { detail: { state, reason }, bubbles: true, composed: true }));
  }
}

function reasonOf(e: unknown): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return 'none';
    case 'NotReadableError':
    case 'AbortError':
    case 'TrackStartError':
      return 'busy';
    default:
      return 'other';
  }
}

async function makeDetector(): Promise<Detect> {
  const Native = (window as any).BarcodeDetector;
  if (Native) {
    try {
      const formats: string[] = await Native.getSupportedFormats();
      if (formats.includes('qr_code')) {
        const detector = new Native({ formats: ['qr_code'] });
        return async (video) => {
          const codes = await detector.detect(video);
          return codes.length > 0 ? String(codes[0].rawValue) : null;
        };
      }
    } catch {
      // Fall through to jsQR.
    }
  }
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  return async (video) => {
    const scale = Math.min(1, MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    // Printed cards are dark on light: no attempt at the inverted picture (it would double the time per frame).
    const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
    // No code in this frame (null): the usual case.
    return code && code.data ? code.data : null;
  };
}

customElements.define('tn-qr-scanner', TnQrScanner);

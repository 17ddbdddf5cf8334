/*
 * <tn-ballot>: the voter's ballot, review and "cast or check" steps on the kiosk, in the tablet's page only.
 * Used through the Java component vn.tinnhiem.kiosk.ui.BallotComponent, which feeds it the manifest (JSON, as
 * the server signed it off), the texts in the voter's language and the idle timeouts, and keeps the scan, the
 * outcome and the reset.
 *
 * The marks live only in this element (`#marks`): a tap changes them and the screen, and sends nothing to the
 * server. After the review and "Xác nhận bỏ phiếu" the ballot is sealed here (tn-sealer.ts, docs/protocol.md §5)
 * and only the sealed ballot leaves the page (`tn-sealed`). The server answers with `committed(code, checkOnly)`:
 * the tracking code and two choices, "Bỏ phiếu" (`tn-cast`) and "Kiểm tra máy" (`tn-check` with the opening:
 * the ballot is opened, shown and not counted). The marks are zeroed as soon as the ballot is sealed, and the
 * opening when it is sent or the element goes; on a reset for inactivity (`tn-reset`) everything is zeroed.
 *
 * Rendered in the light DOM (no shadow root) so the kiosk's stylesheet (kiosk/kiosk.css) and the ids the
 * tests and the accessibility check know keep working.
 *
 * Events (bubbling, composed) to the server:
 *   tn-sealed  detail {ballot: hex, trackingCode, manifestHash: hex}
 *   tn-cast    (no detail)
 *   tn-check   detail {opening: hex}
 *   tn-reset   (no detail)
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import '@vaadin/button';
import { hex, seal, sealerManifest, type Sealed, type SealerManifest } from './tn-sealer';

/** A level as the voter reads it: its code (HIGH, ...) and its words. */
export interface Level {
  code: string;
  label: string;
}

/** The voter's texts, already in the voter's language; {0}, {1} are filled in here. */
export interface BallotTexts {
  heading: string;
  hint: string;
  order: string;
  counter: string;
  review: string;
  reviewTitle: string;
  reviewText: string;
  reviewBlank: string;
  reviewBlanks: string;
  edit: string;
  confirm: string;
  sealing: string;
  sealFailed: string;
  committedTitle: string;
  committedCode: string;
  committedText: string;
  cast: string;
  check: string;
  checkExplain: string;
  checkOnlyTitle: string;
  checkOnlyText: string;
  waiting: string;
  idleWarning: string;
  idleCountdown: string;
  idleContinue: string;
}

type Sealer = (m: SealerManifest, choices: number[], options?: Parameters<typeof seal>[2]) => Promise<Sealed>;
type Step = 'ballot' | 'review' | 'sealing' | 'committed' | 'sent' | 'gone';

interface Candidate {
  order: number;
  name: string;
  position: string;
}

const BLANK = -1;

function fill(pattern: string, ...values: (string | number)[]): string {
  return values.reduce<string>((s, v, i) => s.split(`{${i}}`).join(String(v)), pattern);
}

export class TnBallot extends LitElement {
  static properties = {
    manifest: { type: String },
    texts: { attribute: false },
    levels: { attribute: false },
    warningSeconds: { type: Number },
    resetSeconds: { type: Number },
    _step: { state: true },
    _version: { state: true },
    _warning: { state: true },
    _left: { state: true },
    _error: { state: true },
    _code: { state: true },
    _checkOnly: { state: true },
  };

  /** Manifest.toJson() of the conference: what is shown and what is sealed for. */
  declare manifest: string;
  declare texts: BallotTexts | null;
  declare levels: Level[];
  declare warningSeconds: number;
  declare resetSeconds: number;
  /**
   * The sealer: tn-sealer.ts's seal. A property so that a test can put a cheating one in its place and see that
   * a check catches it (the page is trusted only as far as checks test it: docs/security.md).
   */
  sealer: Sealer = seal;
  /** The last seal's start and duration (ms, performance.now) and number of candidates, for the timing test. */
  lastSeal: { start: number; ms: number; candidates: number } | null = null;

  declare _step: Step;
  declare _version: number;
  declare _warning: boolean;
  declare _left: number;
  declare _error: string;
  declare _code: string;
  declare _checkOnly: boolean;

  #candidates: Candidate[] = [];
  #sealerManifest: SealerManifest | null = null;
  #marks: Int8Array = new Int8Array(0);
  #opening: Uint8Array | null = null;
  #lastTouch = performance.now();
  #timer: number | undefined;
  #focusNext = true;
  #touch = () => this.#touched();

  constructor() {
    super();
    this.manifest = '';
    this.texts = null;
    this.levels = [];
    this.warningSeconds = 60;
    this.resetSeconds = 20;
    this._step = 'ballot';
    this._version = 0;
    this._warning = false;
    this._left = 0;
    this._error = '';
    this._code = '';
    this._checkOnly = false;
  }

  protected createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    for (const type of ['pointerdown', 'keydown', 'scroll', 'wheel', 'touchstart']) {
      document.addEventListener(type, this.#touch, { capture: true, passive: true });
    }
    this.#lastTouch = performance.now();
    this.#timer = window.setInterval(() => this.#tick(), 1000);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    for (const type of ['pointerdown', 'keydown', 'scroll', 'wheel', 'touchstart']) {
      document.removeEventListener(type, this.#touch, { capture: true });
    }
    window.clearInterval(this.#timer);
    this.clear();
  }

  protected willUpdate(changed: PropertyValues) {
    if (changed.has('manifest') && this.manifest) {
      const parsed = JSON.parse(this.manifest) as { candidates: Candidate[] };
      this.#candidates = parsed.candidates.map((c) => ({ order: c.order, name: c.name, position: c.position }));
      this.#marks = new Int8Array(this.#candidates.length).fill(BLANK);
      // Recomputes the manifest hash from its parts: the tablet seals only for the manifest it shows.
      this.#sealerManifest = sealerManifest(this.manifest);
    }
  }

  protected updated(changed: PropertyValues) {
    if (changed.has('_step') && this.#focusNext) {
      // The new step's heading takes the focus, so a keyboard or screen-reader voter starts there.
      const h = this.querySelector('h1');
      if (h) {
        h.setAttribute('tabindex', '-1');
        h.focus();
        window.scrollTo(0, 0);
      }
    }
  }

  // ---- server -> element

  /** The sealed ballot is committed: show its tracking code and the choice of casting or checking it. */
  committed(trackingCode: string, checkOnly: boolean) {
    this._code = trackingCode;
    this._checkOnly = checkOnly;
    this._error = '';
    this.#lastTouch = performance.now();
    this._step = 'committed';
  }

  /** Nothing was recorded and the voter may try again (the button tapped works again). */
  tryAgain(text: string) {
    this._error = text;
    if (this._step === 'sealing') {
      // The commitment did not arrive: the marks are gone (zeroed at the seal), so the voter marks again.
      this._step = 'ballot';
      this.#marks.fill(BLANK);
      this._version++;
    } else if (this._step === 'sent') {
      this._step = 'committed';
    }
  }

  /** Zeroes the marks and the opening: after a cast, a check, a reset, or when the element goes. */
  clear() {
    this.#marks.fill(BLANK);
    if (this.#opening) {
      this.#opening.fill(0);
      this.#opening = null;
    }
    this._version++;
  }

  // ---- the steps

  #touched() {
    this.#lastTouch = performance.now();
    if (this._warning) {
      this._warning = false;
    }
  }

  #tick() {
    if (this._step === 'gone' || this._step === 'sealing' || this._step === 'sent') {
      return;
    }
    const idle = Math.floor((performance.now() - this.#lastTouch) / 1000);
    const total = this.warningSeconds + this.resetSeconds;
    if (idle >= total) {
      this._warning = false;
      this.clear();
      this._step = 'gone';
      this.dispatchEvent(new CustomEvent('tn-reset', { bubbles: true, composed: true }));
    } else if (idle >= this.warningSeconds) {
      this._left = total - idle;
      this._warning = true;
    }
  }

  #toggle(candidate: number, level: number) {
    if (this._step !== 'ballot') {
      return;
    }
    this.#marks[candidate] = this.#marks[candidate] === level ? BLANK : level;
    this._version++;
  }

  #show(step: Step) {
    this._error = '';
    this._step = step;
  }

  async #confirm() {
    if (this._step !== 'review' || !this.#sealerManifest) {
      // A second tap that got through: the first one is sealing already.
      return;
    }
    this._step = 'sealing';
    const choices = Array.from(this.#marks);
    let sealed: Sealed;
    const started = performance.now();
    try {
      sealed = await this.sealer(this.#sealerManifest, choices);
    } catch (e) {
      choices.fill(0);
      this._error = this.texts?.sealFailed ?? '';
      this._step = 'review';
      return;
    }
    this.lastSeal = { start: started, ms: performance.now() - started, candidates: this.#candidates.length };
    choices.fill(0);
    // Sealed: the marks are not needed any more (a check shows the ballot the server opened).
    this.#marks.fill(BLANK);
    this.#opening = sealed.opening;
    const ballot = hex(sealed.ballot);
    sealed.ballot.fill(0);
    this.dispatchEvent(new CustomEvent('tn-sealed', {
      bubbles: true, composed: true,
      detail: { ballot, trackingCode: sealed.trackingCode, manifestHash: hex(this.#sealerManifest.hash) },
    }));
  }

  #cast() {
    if (this._step !== 'committed' || this._checkOnly) {
      return;
    }
    this._error = '';
    this._step = 'sent';
    this.dispatchEvent(new CustomEvent('tn-cast', { bubbles: true, composed: true }));
  }

  #check() {
    if (this._step !== 'committed' || !this.#opening) {
      return;
    }
    this._error = '';
    this._step = 'sent';
    const opening = hex(this.#opening);
    this.#opening.fill(0);
    this.#opening = null;
    this.dispatchEvent(new CustomEvent('tn-check', { bubbles: true, composed: true, detail: { opening } }));
  }

  // ---- rendering

  protected render() {
    const t = this.texts;
    if (!t || this._step === 'gone') {
      return nothing;
    }
    return html`${this.#screen(t)}${this.#warningBox(t)}`;
  }

  #screen(t: BallotTexts) {
    switch (this._step) {
      case 'ballot':
        return this.#ballot(t);
      case 'review':
      case 'sealing':
        return this.#review(t);
      default:
        return this.#committedScreen(t);
    }
  }

  #ballot(t: BallotTexts) {
    const marked = this.#marks.reduce((n, m) => n + (m === BLANK ? 0 : 1), 0);
    const title = JSON.parse(this.manifest || '{}').title ?? '';
    return html`<div id="kiosk-ballot" class="kiosk-screen kiosk-voter-screen">
      <h2 class="kiosk-ballot-conference">${title}</h2>
      <h1 class="kiosk-title">${t.heading}</h1>
      <p class="kiosk-text">${t.hint}</p>
      ${this._error ? html`<div id="kiosk-review-error" class="kiosk-review-error" role="alert">${this._error}</div>` : nothing}
      <div class="kiosk-candidates">
        ${this.#candidates.map((c, i) => html`
          <div class="kiosk-candidate" id="kiosk-candidate-${c.order}" role="group" aria-label="${c.name}">
            <div><span class="kiosk-candidate-order">${fill(t.order, c.order)}</span><span
              class="kiosk-candidate-name">${c.name}</span></div>
            <div class="kiosk-candidate-position">${c.position}</div>
            <div class="kiosk-choices">
              ${this.levels.map((level, l) => {
                const on = this.#marks[i] === l;
                return html`<vaadin-button class="kiosk-choice ${on ? 'kiosk-chosen' : ''}" data-level="${level.code}"
                  aria-pressed="${on ? 'true' : 'false'}" @click=${() => this.#toggle(i, l)}>${level.label}</vaadin-button>`;
              })}
            </div>
          </div>`)}
      </div>
      <div class="kiosk-ballot-footer">
        <span id="kiosk-counter" class="kiosk-counter" aria-live="polite">${fill(t.counter, marked, this.#candidates.length)}</span>
        <vaadin-button id="kiosk-review" theme="primary" class="kiosk-big-button"
          @click=${() => this.#show('review')}>${t.review}</vaadin-button>
      </div>
    </div>`;
  }

  #review(t: BallotTexts) {
    const blanks = this.#marks.reduce((n, m) => n + (m === BLANK ? 1 : 0), 0);
    const sealing = this._step === 'sealing';
    return html`<div id="kiosk-review" class="kiosk-screen kiosk-voter-screen">
      <h1 class="kiosk-title">${t.reviewTitle}</h1>
      <p class="kiosk-text">${t.reviewText}</p>
      ${blanks > 0 ? html`<div id="kiosk-review-blanks" class="kiosk-review-blanks" role="status">${fill(t.reviewBlanks, blanks)}</div>` : nothing}
      <div class="kiosk-review-list">
        ${this.#candidates.map((c, i) => {
          const level = this.#marks[i];
          const blank = level === BLANK;
          return html`<div id="kiosk-review-${c.order}" class="kiosk-review-row ${blank ? 'kiosk-review-row-blank' : ''}">
            <div class="kiosk-review-name"><span>${fill(t.order, c.order)}</span><span> ${c.name}</span></div>
            ${blank
              ? html`<div class="kiosk-review-blank">${fill(t.reviewBlank, c.name)}</div>`
              : html`<div class="kiosk-review-choice">${this.levels[level]?.label ?? ''}</div>`}
          </div>`;
        })}
      </div>
      <div id="kiosk-review-error" class="kiosk-review-error" role="alert" ?hidden=${!this._error && !sealing}>${sealing ? t.sealing : this._error}</div>
      <div class="kiosk-review-actions">
        <vaadin-button id="kiosk-edit" class="kiosk-big-button" ?disabled=${sealing}
          @click=${() => this.#show('ballot')}>${t.edit}</vaadin-button>
        <vaadin-button id="kiosk-confirm" theme="primary" class="kiosk-big-button" ?disabled=${sealing}
          @click=${() => this.#confirm()}>${t.confirm}</vaadin-button>
      </div>
    </div>`;
  }

  #committedScreen(t: BallotTexts) {
    const sent = this._step === 'sent';
    const checkOnly = this._checkOnly;
    return html`<div id="kiosk-committed" class="kiosk-screen kiosk-voter-screen">
      <h1 class="kiosk-title">${checkOnly ? t.checkOnlyTitle : t.committedTitle}</h1>
      <p class="kiosk-text">${t.committedCode}</p>
      <div id="kiosk-sealed-code" class="kiosk-tracking-code" aria-label="${this._code}">
        ${this._code.split('-').map((g) => html`<span class="kiosk-code-group">${g}</span>`)}
      </div>
      <p class="kiosk-text">${checkOnly ? t.checkOnlyText : t.committedText}</p>
      ${this._error ? html`<div id="kiosk-committed-error" class="kiosk-review-error" role="alert">${this._error}</div>` : nothing}
      ${sent ? html`<p class="kiosk-text" role="status">${t.waiting}</p>` : nothing}
      <div class="kiosk-committed-actions">
        ${checkOnly ? nothing : html`<vaadin-button id="kiosk-cast" theme="primary" class="kiosk-big-button kiosk-cast"
          ?disabled=${sent} @click=${() => this.#cast()}>${t.cast}</vaadin-button>`}
        <div class="kiosk-check-box">
          <vaadin-button id="kiosk-check" theme="${checkOnly ? 'primary' : 'tertiary'}"
            class="kiosk-big-button kiosk-check" aria-describedby="kiosk-check-explain"
            ?disabled=${sent} @click=${() => this.#check()}>${t.check}</vaadin-button>
          <p id="kiosk-check-explain" class="kiosk-text kiosk-check-explain">${t.checkExplain}</p>
        </div>
      </div>
    </div>`;
  }

  #warningBox(t: BallotTexts) {
    return html`<div id="kiosk-idle-warning" class="kiosk-warning" role="alertdialog" aria-labelledby="kiosk-idle-title"
        aria-describedby="kiosk-idle-countdown" ?hidden=${!this._warning}>
      <div class="kiosk-warning-box">
        <h1 class="kiosk-title" id="kiosk-idle-title">${t.idleWarning}</h1>
        <p class="kiosk-text" id="kiosk-idle-countdown">${fill(t.idleCountdown, this._left)}</p>
        <vaadin-button id="kiosk-continue" theme="primary" class="kiosk-big-button"
          @click=${() => this.#touched()}>${t.idleContinue}</vaadin-button>
      </div>
    </div>`;
  }
}

customElements.define('tn-ballot', TnBallot);

declare global {
  interface HTMLElementTagNameMap {
    'tn-ballot': TnBallot;
  }
}

// Renders a passage's inline runs (text, emphasis, code, line breaks, links) into an element with
// plain DOM calls: text nodes and elements, never HTML. Words naming a feature become buttons that
// select it. The article is static once rendered, so this is done once per passage as a Svelte
// attachment rather than as nested component blocks: with a block per run and per marked segment,
// rendering the CGTN article took about 100 ms more of the page's first task (docs/performance.md).
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import type { Inline } from '../story/article';
import type { Segment } from '../story/marks';
import { isSafeLink } from '../story/safe-link';

export interface InlineOptions {
  /** Splits plain text into marked and unmarked segments. */
  mark: (text: string) => Segment[];
  /** Called when a marked place name is activated. */
  onplace: (keys: string[], event: Event) => void;
  /** Names of features for a marked segment's accessible label. */
  describe: (keys: string[]) => string;
}

const plain = (text: string): Segment[] => [{ text }];

/** Appends the runs to `parent`; links get plain (unmarked) text, as a button inside a link would be invalid. */
export function appendInlines(parent: Node, runs: readonly Inline[], o: InlineOptions): void {
  const doc = parent.ownerDocument ?? document;
  for (const run of runs) {
    switch (run.type) {
      case 'text':
        for (const seg of o.mark(run.text)) {
          const keys = seg.keys;
          if (!keys?.length) {
            parent.appendChild(doc.createTextNode(seg.text));
            continue;
          }
          // A span in the button role, not a <button>: a button is an inline block, so a name of
          // several words would not wrap with the text around it (ragged lines in narrow columns).
          const b = doc.createElement('span');
          b.setAttribute('role', 'button');
          b.tabIndex = 0;
          b.className = 'place';
          b.dataset.features = keys.join(' ');
          b.title = `Show ${o.describe(keys)} on the map`;
          b.textContent = seg.text;
          b.addEventListener('click', (e) => o.onplace([...keys], e));
          b.addEventListener('keydown', (e) => {
            if (e.key !== 'Enter' && e.key !== ' ') return;
            e.preventDefault();
            o.onplace([...keys], e);
          });
          parent.appendChild(b);
        }
        break;
      case 'em':
      case 'strong': {
        const el = doc.createElement(run.type);
        appendInlines(el, run.children, o);
        parent.appendChild(el);
        break;
      }
      case 'code': {
        const el = doc.createElement('code');
        el.textContent = run.text;
        parent.appendChild(el);
        break;
      }
      case 'br':
        parent.appendChild(doc.createElement('br'));
        break;
      case 'link': {
        // The model only keeps safe links; checked again here, as anything bound for an href is.
        if (run.href && isSafeLink(run.href)) {
          const a = doc.createElement('a');
          a.href = run.href;
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
          a.addEventListener('click', (e) => e.stopPropagation());
          appendInlines(a, run.children, { ...o, mark: plain });
          parent.appendChild(a);
        } else appendInlines(parent, run.children, { ...o, mark: plain });
        break;
      }
    }
  }
}

/** The runs as a Svelte attachment: rendered once into the element, removed when it goes. */
export function inlines(runs: readonly Inline[], o: InlineOptions): Attachment<HTMLElement> {
  return (el) => {
    const before = el.childNodes.length;
    // Nothing read while rendering is a dependency: the text is rendered once.
    untrack(() => appendInlines(el, runs, o));
    return () => {
      while (el.childNodes.length > before) el.lastChild?.remove();
    };
  };
}

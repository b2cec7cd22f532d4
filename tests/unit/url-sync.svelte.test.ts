import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StoryState } from '../../src/lib/story/state.svelte';
import { readStoryFolder } from '../../src/lib/story/read-folder';
import { applyLink, followUrl, linkOf, syncPageUrl } from '../../src/lib/story/url-sync.svelte';
import { CGTN_DIR } from './fixtures';

const cgtn = readStoryFolder(CGTN_DIR);

// The URL is written after the next paint (after-paint.ts: a timer here, with no frames in Node):
// flush() applies the state's effects, then lets that moment come.
beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());
const flush = () => {
  flushSync();
  vi.runAllTimers();
};

/** A window with a URL and a session history, enough for url-sync (no DOM). */
function createWindow(hash = '') {
  const entries = [hash];
  let index = 0;
  const listeners = new Map<string, Set<() => void>>();
  const fire = (type: string) => listeners.get(type)?.forEach((fn) => fn());
  const location = { pathname: '/story/', search: '?story=cgtn-2020-01-09', hash };
  const setUrl = (url: string) => (location.hash = url.startsWith('#') ? url : '');
  const win = {
    location,
    history: {
      state: null,
      pushState: (_: unknown, __: string, url: string) => {
        entries.splice(index + 1, Infinity, url.startsWith('#') ? url : '');
        index++;
        setUrl(url);
      },
      replaceState: (_: unknown, __: string, url: string) => {
        entries[index] = url.startsWith('#') ? url : '';
        setUrl(url);
      },
    },
    addEventListener: (type: string, fn: () => void) => listeners.set(type, (listeners.get(type) ?? new Set()).add(fn)),
    removeEventListener: (type: string, fn: () => void) => listeners.get(type)?.delete(fn),
  };
  return {
    win: win as unknown as Window,
    entries,
    get index() {
      return index;
    },
    back() {
      index--;
      location.hash = entries[index]!;
      fire('popstate');
      fire('hashchange');
    },
    /** The reader edits the fragment by hand. */
    type(hash: string) {
      entries.splice(index + 1, Infinity, hash);
      index++;
      location.hash = hash;
      fire('popstate');
      fire('hashchange');
    },
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}

/** A story, a window at `hash`, and the page's URL sync between them. */
function synced(hash = '') {
  const s = new StoryState(cgtn);
  const w = createWindow(hash);
  return { s, w, stop: syncPageUrl(cgtn, s, w.win) };
}

describe('deep links on the standalone page', () => {
  it('opens the state a shared link describes', () => {
    const { s, w, stop } = synced('#f=iraq-bases:tehran&l=iraq-bases,istanbul&v=44.5,33.2,6');
    flush();
    expect(s.feature).toBe('iraq-bases:tehran');
    expect([...s.visible].sort()).toEqual(['iraq-bases', 'istanbul']);
    expect(s.view).toMatchObject({ center: [44.5, 33.2], zoom: 6 });
    // The view accounts for the selection: a map created now starts there and does not fly away.
    expect(s.view!.camera).toBe(s.camera!.id);
    expect(w.entries).toHaveLength(1);
    stop();
  });

  it('adds a history entry per selection, so Back steps back through them', () => {
    const { s, w, stop } = synced();
    flush();
    s.select('iraq-strikes', { cause: 'text' });
    flush();
    s.select('libya:tripoli', { cause: 'map' });
    flush();
    expect(w.entries).toEqual(['', '#p=iraq-strikes', '#f=libya:tripoli']);
    w.back();
    flush();
    expect(s.passage).toBe('iraq-strikes');
    expect(s.feature).toBeNull();
    expect(s.change?.cause).toBe('url');
    w.back();
    flush();
    expect(s.passage).toBeNull();
    // Going back did not add entries.
    expect(w.entries).toHaveLength(3);
    stop();
  });

  it('Back past the first selection returns the map to the opening view, and the entry keeps no stale view', () => {
    const { s, w, stop } = synced();
    flush();
    s.select('libya:tripoli', { reveal: false, cause: 'text' });
    flush();
    // The map flies there and reports where it came to rest.
    s.reportView({ center: [13.0, 32.85], zoom: 8 }, s.camera!.id);
    flush();
    expect(w.entries).toEqual(['', '#f=libya:tripoli&v=13,32.85,8']);
    w.back();
    flush();
    expect(s.feature).toBeNull();
    expect(s.camera).toMatchObject({ target: { bounds: cgtn.story.view.bounds }, animate: true });
    expect(s.view).toBeNull();
    expect(w.entries).toEqual(['', '#f=libya:tripoli&v=13,32.85,8']);
    expect(w.entries[w.index]).toBe('');
    stop();
  });

  it('replaces the entry for panning and layer toggles: no flood of history', () => {
    const { s, w, stop } = synced();
    s.select('istanbul:istanbul', { cause: 'map' });
    flush();
    for (let i = 0; i < 50; i++) {
      s.reportView({ center: [28 + i / 100, 41], zoom: 6 }, 0);
      flush();
    }
    s.setLayer('libya', false, 'legend');
    flush();
    expect(w.entries).toHaveLength(2);
    expect(w.entries[1]).toBe('#f=istanbul:istanbul&l=syria-idlib,iraq-bases,istanbul,turkstream&v=28.49,41,6');
    stop();
  });

  it('writes the history entry after the frame that shows the change, once for changes made together', () => {
    const { s, w, stop } = synced();
    flush();
    s.select('iraq-strikes', { cause: 'text' });
    flushSync();
    // Not yet: the click's own frame does not wait for the history.
    expect(w.entries).toEqual(['']);
    s.select('libya:tripoli', { cause: 'map' });
    flushSync();
    vi.runAllTimers();
    expect(w.entries).toEqual(['', '#f=libya:tripoli']);
    stop();
  });

  it('a place name\u2019s features: written with their passage, and opened as they were, not the whole passage', () => {
    const { s, w, stop } = synced();
    flush();
    const gna = cgtn.featuresByPassage.get('libya-war')!.filter((k) => /LY-(GD|NQ|MI|TN|ZA)$/.test(k));
    expect(gna).toHaveLength(5);
    s.selectNamed('libya-war', gna, { cause: 'text' });
    flush();
    expect(w.entries[w.index]).toBe(`#p=libya-war&g=${gna.join(',')}`);
    stop();
    const opened = synced(`#p=libya-war&g=${gna.join(',')},libya:not-there`);
    flush();
    expect(opened.s.passage).toBe('libya-war');
    expect(opened.s.group).toEqual(gna);
    expect(opened.s.highlighted).toEqual(gna);
    opened.stop();
    // None of them linked there any more: the passage, whole.
    const old = synced('#p=libya-war&g=libya:gone');
    flush();
    expect(old.s.passage).toBe('libya-war');
    expect(old.s.group).toBeNull();
    old.stop();
  });

  it('leaves out the camera while the map shows what it framed, and keeps one the reader moved to', () => {
    const { s, w, stop } = synced();
    flush();
    s.select('libya:tripoli', { reveal: false, cause: 'text' });
    flush();
    // The map framed it and says so: a phone opening the link frames it for itself.
    s.reportView({ center: [13.0, 32.85], zoom: 8, framed: true }, s.camera!.id);
    flush();
    expect(w.entries[w.index]).toBe('#f=libya:tripoli');
    // The reader pans: that view is the link's.
    s.reportView({ center: [13.5, 32.85], zoom: 8, framed: false }, s.camera!.id);
    flush();
    expect(w.entries[w.index]).toBe('#f=libya:tripoli&v=13.5,32.85,8');
    stop();
  });

  it('leaves out layers while they are the story defaults', () => {
    const s = new StoryState(cgtn);
    s.select('lede', { cause: 'text' });
    expect(linkOf(cgtn, s)).toEqual({ passage: 'lede' });
  });

  it('follows a fragment typed by hand, and ignores ordinary anchors', () => {
    const { s, w, stop } = synced();
    w.type('#p=libya-war');
    flush();
    expect(s.passage).toBe('libya-war');
    w.type('#notes');
    flush();
    expect(s.passage).toBe('libya-war');
    stop();
    expect(w.listenerCount()).toBe(0);
  });

  it('skips unknown ids in a link and keeps the rest', () => {
    const s = new StoryState(cgtn);
    applyLink(cgtn, s, { feature: 'libya:atlantis', layers: ['libya', 'no-such-layer'] });
    expect(s.feature).toBeNull();
    expect([...s.visible]).toEqual(['libya']);
  });

  it('selecting something in a layer the link hid shows that layer', () => {
    const s = new StoryState(cgtn);
    applyLink(cgtn, s, { feature: 'iraq-bases:tehran', layers: ['libya'] });
    expect([...s.visible].sort()).toEqual(['iraq-bases', 'libya']);
  });
});

describe('links inside an embed', () => {
  it('are only read: the host page’s history is never written', () => {
    const s = new StoryState(cgtn);
    const w = createWindow('#p=iraq-strikes');
    let writes = 0;
    w.win.history.pushState = () => writes++;
    w.win.history.replaceState = () => writes++;
    const stop = followUrl(cgtn, s, w.win);
    flush();
    expect(s.passage).toBe('iraq-strikes');
    s.select('libya:tripoli', { cause: 'map' });
    flush();
    expect(writes).toBe(0);
    stop();
  });
});

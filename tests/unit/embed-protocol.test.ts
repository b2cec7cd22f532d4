import { describe, expect, it } from 'vitest';
import { parentOrigin } from '../../src/lib/embed/frame';
import { commandMessage, message, parseCommand, parseEvent, parseFrameMessage, parseLayerList, parseViewTarget, type Command } from '../../src/lib/embed/protocol';

const msg = (name: string, detail?: unknown) => ({ type: `story-map:v1:${name}`, detail });

describe('host API messages', () => {
  it('every command survives the trip through a message', () => {
    const commands: Command[] = [
      { name: 'select', target: 'iraq-bases:tehran' },
      { name: 'select', target: 'lede' },
      { name: 'clearSelection' },
      { name: 'setLayers', layers: ['libya', 'istanbul'] },
      { name: 'setLayers', layers: [] },
      { name: 'setView', view: { center: [13.19, 32.89], zoom: 7 } },
      { name: 'setView', view: { bounds: [9, 24, 54, 46.5] } },
    ];
    // structuredClone is what postMessage does to a message.
    for (const cmd of commands) expect(parseCommand(structuredClone(commandMessage(cmd)))).toEqual(cmd);
  });

  it('ignores messages that are not ours, or of another version', () => {
    for (const data of [null, undefined, 42, 'story-map:v1:clearSelection', [], {}, { type: 'select' }, { type: 'story-map:v2:clearSelection' }, { type: 'storymap:v1:clearSelection' }, { type: 42 }]) {
      expect(parseCommand(data), JSON.stringify(data)).toBeNull();
    }
  });

  it('ignores commands of the wrong shape', () => {
    const bad = [
      msg('select', { target: 42 }),
      msg('select', { target: '' }),
      msg('select', { target: 'x'.repeat(201) }),
      msg('select', 'iraq-bases:tehran'),
      msg('select', ['iraq-bases:tehran']),
      msg('setLayers', { layers: 'libya' }),
      msg('setLayers', { layers: ['libya', 7] }),
      msg('setLayers', { layers: Array.from({ length: 500 }, (_, i) => `l${i}`) }),
      msg('setView', { center: [13, 32] }),
      msg('setView', { center: [13, 32], zoom: '7' }),
      msg('setView', { center: [213, 32], zoom: 7 }),
      msg('setView', { center: [13, NaN], zoom: 7 }),
      msg('setView', { center: [13, 32], zoom: 70 }),
      msg('setView', { bounds: [54, 24, 9, 46.5] }), // west east of east
      msg('setView', { bounds: [9, 24, 54] }),
      msg('unknownCommand', {}),
      msg('__proto__', {}),
    ];
    for (const data of bad) expect(parseCommand(data), JSON.stringify(data)).toBeNull();
  });

  it('a height is a finite number in range, never CSS', () => {
    expect(parseFrameMessage(msg('resize', { height: 612 }))).toEqual({ name: 'resize', height: 612 });
    expect(parseFrameMessage(msg('resize', { height: 0 }))).toEqual({ name: 'resize', height: 0 });
    for (const height of ['612px', '612', 'calc(100vh)', '100%; background: red', NaN, Infinity, -1, 1e9, null, [612], { valueOf: () => 612 }]) {
      expect(parseFrameMessage(msg('resize', { height })), String(height)).toBeNull();
    }
  });

  it('reads hello and live, and nothing else, as frame messages', () => {
    expect(parseFrameMessage(msg('hello'))).toEqual({ name: 'hello' });
    expect(parseFrameMessage(msg('hello', { answer: true }))).toEqual({ name: 'hello', answer: true });
    expect(parseFrameMessage(msg('hello', { answer: 'yes' }))).toEqual({ name: 'hello' });
    expect(parseFrameMessage(msg('live', { live: false }))).toEqual({ name: 'live', live: false });
    expect(parseFrameMessage(msg('live', { live: 'yes' }))).toBeNull();
    expect(parseFrameMessage(msg('select', { target: 'lede' }))).toBeNull();
  });

  it('reads only the five events', () => {
    for (const name of ['ready', 'select', 'layerchange', 'viewchange', 'error']) expect(parseEvent(message(name, { a: 1 }))).toEqual({ name, detail: { a: 1 } });
    expect(parseEvent(message('resize', { height: 1 }))).toBeNull();
    expect(parseEvent(message('constructor'))).toBeNull();
    expect(parseEvent({ type: 'story-map:v1:select', detail: 'x' })).toBeNull();
  });

  it('checks view targets and layer lists given to methods', () => {
    expect(parseViewTarget({ center: [13, 32], zoom: 7, extra: 1 })).toEqual({ center: [13, 32], zoom: 7 });
    expect(parseViewTarget({ bounds: [-10, -5, 10, 5] })).toEqual({ bounds: [-10, -5, 10, 5] });
    expect(parseViewTarget(null)).toBeNull();
    expect(parseLayerList(['a', 'a', 'b'])).toEqual(['a', 'b']);
    expect(parseLayerList('a,b')).toBeNull();
  });
});

describe('the parent origin an iframe embed talks to', () => {
  it('is the ancestor origin when the browser tells it', () => {
    expect(parentOrigin({ ancestor: 'https://news.example', referrer: 'https://other.example/page' })).toBe('https://news.example');
  });

  it('falls back to the referrer, reduced to an origin', () => {
    expect(parentOrigin({ ancestor: null, referrer: 'https://news.example/2020/01/story.html?x=1' })).toBe('https://news.example');
  });

  it('is unknown without either (no messages are sent or accepted)', () => {
    expect(parentOrigin({ ancestor: null, referrer: '' })).toBeNull();
    expect(parentOrigin({ ancestor: 'null', referrer: 'not a url' })).toBeNull();
  });

  it('must be on the origin= list when the src has one', () => {
    const allowed = 'https://news.example, https://preview.news.example';
    expect(parentOrigin({ ancestor: 'https://preview.news.example', allowed })).toBe('https://preview.news.example');
    expect(parentOrigin({ ancestor: 'https://evil.example', allowed })).toBeNull();
    expect(parentOrigin({ referrer: 'https://evil.example/', allowed: 'https://news.example' })).toBeNull();
  });

  it('is the one listed origin when the browser cannot tell (no ancestorOrigins, no referrer)', () => {
    expect(parentOrigin({ ancestor: null, referrer: '', allowed: 'https://news.example' })).toBe('https://news.example');
    expect(parentOrigin({ ancestor: null, referrer: '', allowed: 'https://a.example,https://b.example' })).toBeNull();
  });
});

// The story editor's page (edit.html): a separate entry, so the reader's pages never load it.
import { mount } from 'svelte';
import Editor from './lib/editor/Editor.svelte';
import 'maplibre-gl/dist/maplibre-gl.css';
import './global.css';
// After the page font's faces: the latin-ext letters this site shows, in small files (scripts/fonts/subset.ts).
import 'virtual:story-map-fonts.css?edit';

const target = document.getElementById('editor')!;
mount(Editor, { target });

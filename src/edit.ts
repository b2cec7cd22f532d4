// The story editor's page (edit.html): a separate entry, so the reader's pages never load it.
import { mount } from 'svelte';
import Editor from './lib/editor/Editor.svelte';
import 'maplibre-gl/dist/maplibre-gl.css';
import './global.css';

const target = document.getElementById('editor')!;
mount(Editor, { target });

// Standalone page entry: mounts the app on the default story, or ?story=<name>.
import { mount } from 'svelte';
import App from './App.svelte';
import './global.css';

const requested = new URLSearchParams(location.search).get('story');
const story = requested && /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(requested) ? requested : __DEFAULT_STORY__;

mount(App, { target: document.getElementById('app')!, props: { story } });

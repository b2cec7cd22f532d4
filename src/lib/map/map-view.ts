// The contract both map views implement: StoryMap (WebGL, MapLibre) and FallbackMap (SVG, when
// WebGL is missing or lost). App renders one or the other with the same props.
import type { StoryModel } from '../story/model';
import type { StoryState } from '../story/state.svelte';
import type { Overlays } from './overlays.svelte';

export interface MapViewProps {
  /** The story. */
  model: StoryModel;
  /**
   * The shared state. The view draws its layers, highlight and hover; applies camera intents newer
   * than the last it applied; reports where it comes to rest (`reportView`); a click on a feature
   * selects it (cause 'map'), elsewhere clears.
   */
  selection: StoryState;
  /** Where the story's files and the basemap are served from (embeds on other pages), default the page's folder. */
  root?: string;
  /** Inside a host page. */
  embedded?: boolean;
  /** What covers the map (legend, card): framed and selected features are kept clear of it. */
  overlays?: Overlays;
  /** Called once the map has drawn everything for the first time. */
  onready?: () => void;
}

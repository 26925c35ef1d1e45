// The app's graph component (Streamlit components v2): the drawing code comes once per
// browser session with vis-network (the "meetgraph_library" element, unchanged between
// reruns, so Streamlit sends it by reference); this module only waits for it.
export default function (streamlit) {
  if (window.meetgraphGraph) { return window.meetgraphGraph.component(streamlit); }
  var cleanup = null, gone = false;
  function ready() { if (!gone) { cleanup = window.meetgraphGraph.component(streamlit); } }
  window.addEventListener("meetgraph-ready", ready, { once: true });
  return function () {
    gone = true;
    window.removeEventListener("meetgraph-ready", ready);
    if (cleanup) { cleanup(); }
  };
}

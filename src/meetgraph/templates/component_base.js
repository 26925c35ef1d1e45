// The whole drawing the app's views are parts of (meetgraph.render.component_base): an
// element of its own, the same for every filter, so Streamlit sends it by reference after
// the first time. It draws nothing: it keeps the base for the graph component, by its id.
export default function (streamlit) {
  var base = streamlit.data || {};
  if (!base.id) { return; }
  var bases = window.meetgraphBases = window.meetgraphBases || {};
  if (!bases[base.id]) {
    // The last few bases (e.g. of two languages) are enough; each is up to a few MB.
    var ids = Object.keys(bases);
    if (ids.length >= 3) { delete bases[ids[0]]; }
    bases[base.id] = base.page;
  }
  window.dispatchEvent(new CustomEvent("meetgraph-base", { detail: base.id }));
}

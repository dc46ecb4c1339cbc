// The Corridor page: draw or load a route, pick a radius, see the corridor and what lies inside it.
// Everything it shows comes from this server's API; it fetches nothing from anywhere else unless a
// tile URL is configured. Routes are kept as [lat, lon] vertices whose longitudes are unwrapped
// (no jump of more than 180° from one vertex to the next) so that a route across the antimeridian
// is drawn in one piece; the API gets them wrapped into [-180, 180].
'use strict';
(() => {
  const EARTH_RADIUS_M = 6371008.8;
  const MIN_RADIUS_M = 10;
  const MAX_SLIDER_RADIUS_M = 100000;
  const NEARBY_LIMIT = 500;

  const $ = (id) => document.getElementById(id);
  const state = {
    route: [],            // [[lat, lon], ...], longitudes unwrapped
    radius: 500,
    categories: new Set(),
    limit: 100,
    sort: 'offset',
    nearby: true,
    bbox: false,
    selected: null,
  };
  const undoStack = [];
  let drawing = true;
  let lastAnswer = null;    // the last search's FeatureCollection
  let lastNearby = [];
  let config = {};

  // ---------- sphere helpers

  const rad = (d) => d * Math.PI / 180;
  const deg = (r) => r * 180 / Math.PI;
  const wrapDelta = (d) => { let x = d % 360; if (x > 180) x -= 360; if (x < -180) x += 360; return x; };
  const wrapLon = (lon) => { const x = wrapDelta(lon); return x === -180 && lon > 0 ? 180 : x; };
  const vec = ([lat, lon]) => [Math.cos(rad(lat)) * Math.cos(rad(lon)), Math.cos(rad(lat)) * Math.sin(rad(lon)), Math.sin(rad(lat))];
  const cross = (a, b) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
  const dot = (a, b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  const norm = (a) => Math.sqrt(dot(a, a));
  const angle = (a, b) => Math.atan2(norm(cross(a, b)), dot(a, b));
  const toLatLon = (v) => [deg(Math.atan2(v[2], Math.hypot(v[0], v[1]))), deg(Math.atan2(v[1], v[0]))];

  /** The point at angle t (radians) along the great circle from a to b, whose angle is theta. */
  function slerp(a, b, theta, t) {
    if (theta < 1e-12) return a;
    const s = Math.sin(theta);
    const wa = Math.sin(theta - t) / s;
    const wb = Math.sin(t) / s;
    return [wa * a[0] + wb * b[0], wa * a[1] + wb * b[1], wa * a[2] + wb * b[2]];
  }

  /** Unwraps each longitude to within 180° of the one before it. */
  function unwrap(vertices) {
    const out = [];
    for (const [lat, lon] of vertices) {
      const prev = out.length ? out[out.length - 1][1] : null;
      out.push([lat, prev === null ? lon : prev + wrapDelta(lon - prev)]);
    }
    return out;
  }

  /** The route's arcs sampled every half degree at most, longitudes continuing the vertices'. */
  function densify(route) {
    if (route.some(([lat]) => !(Math.abs(lat) <= 90))) return route;   // the API will say what is wrong
    const out = [];
    for (let i = 0; i < route.length; i++) {
      if (i === 0) { out.push(route[0]); continue; }
      const a = vec(route[i - 1]);
      const b = vec(route[i]);
      const theta = angle(a, b);
      const steps = Math.max(1, Math.ceil(deg(theta) / 0.5));
      for (let s = 1; s <= steps; s++) {
        const [lat, lon] = s === steps ? route[i] : toLatLon(slerp(a, b, theta, theta * s / steps));
        const prev = out[out.length - 1][1];
        out.push([lat, prev + wrapDelta(lon - prev)]);
      }
    }
    return out;
  }

  function routeLengthM(route) {
    let m = 0;
    for (let i = 1; i < route.length; i++) m += angle(vec(route[i - 1]), vec(route[i])) * EARTH_RADIUS_M;
    return m;
  }

  /** The route point at offsetM along the route, [lat, lon] with the route's unwrapped longitude. */
  function pointAtOffset(route, offsetM) {
    let walked = 0;
    for (let i = 1; i < route.length; i++) {
      const a = vec(route[i - 1]);
      const b = vec(route[i]);
      const theta = angle(a, b);
      const len = theta * EARTH_RADIUS_M;
      if (offsetM <= walked + len || i === route.length - 1) {
        const t = Math.min(theta, Math.max(0, (offsetM - walked) / EARTH_RADIUS_M));
        const [lat, lon] = toLatLon(slerp(a, b, theta, t));
        return [lat, route[i - 1][1] + wrapDelta(lon - route[i - 1][1])];
      }
      walked += len;
    }
    return route[0];
  }

  // ---------- formats read in the browser

  /** Decodes a Google encoded polyline into [[lat, lon], ...]. */
  function decodePolyline(text, precision) {
    const s = text.trim();
    if (!s) throw new Error('the polyline is empty');
    const factor = Math.pow(10, precision);
    const out = [];
    let i = 0;
    let lat = 0;
    let lon = 0;
    const next = () => {
      let result = 0;
      let shift = 0;
      let b;
      do {
        if (i >= s.length) throw new Error('the polyline ends in the middle of a number (character ' + s.length + ')');
        b = s.charCodeAt(i) - 63;
        if (b < 0 || b > 63) throw new Error('the polyline has an invalid character ' + JSON.stringify(s[i]) + ' at position ' + (i + 1));
        i++;
        result |= (b & 0x1f) << shift;
        shift += 5;
        if (shift > 30) throw new Error('the polyline has a number too long at position ' + i);
      } while (b >= 0x20);
      return (result & 1) ? ~(result >> 1) : (result >> 1);
    };
    while (i < s.length) {
      lat += next();
      lon += next();
      out.push([lat / factor, lon / factor]);
    }
    return out;
  }

  function encodePolyline(vertices, precision) {
    const factor = Math.pow(10, precision);
    let out = '';
    let plat = 0;
    let plon = 0;
    const put = (v) => {
      let x = v < 0 ? ~(v << 1) : (v << 1);
      while (x >= 0x20) { out += String.fromCharCode((0x20 | (x & 0x1f)) + 63); x >>>= 5; }
      out += String.fromCharCode(x + 63);
    };
    for (const [lat, lon] of vertices) {
      const ilat = Math.round(lat * factor);
      const ilon = Math.round(wrapLon(lon) * factor);
      put(ilat - plat);
      put(ilon - plon);
      plat = ilat;
      plon = ilon;
    }
    return out;
  }

  /** Reads a GeoJSON LineString or Point (bare, in a Feature, or a one-feature collection). */
  function parseGeoJson(text) {
    let g;
    try {
      g = JSON.parse(text);
    } catch (e) {
      throw new Error('the GeoJSON is not valid JSON: ' + e.message);
    }
    if (g && g.type === 'FeatureCollection') {
      if (!Array.isArray(g.features) || g.features.length !== 1) {
        throw new Error('the FeatureCollection holds ' + (Array.isArray(g.features) ? g.features.length : 'no') + ' features; a route file holds exactly one');
      }
      g = g.features[0];
    }
    if (g && g.type === 'Feature') g = g.geometry;
    if (!g || (g.type !== 'LineString' && g.type !== 'Point')) {
      throw new Error('the GeoJSON holds ' + (g && g.type ? 'a ' + g.type : 'no geometry') + '; a route is a LineString or a Point');
    }
    const coords = g.type === 'Point' ? [g.coordinates] : g.coordinates;
    if (!Array.isArray(coords) || coords.length === 0) throw new Error('the ' + g.type + ' has no coordinates');
    return coords.map((c, k) => {
      if (!Array.isArray(c) || c.length < 2 || typeof c[0] !== 'number' || typeof c[1] !== 'number') {
        throw new Error('coordinate ' + (k + 1) + ' is not a [longitude, latitude] pair of numbers');
      }
      return [c[1], c[0]];
    });
  }

  /** Reads the points of a GPX file's first track (all segments), else of its first route. */
  function parseGpx(text) {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const broken = doc.getElementsByTagName('parsererror')[0];
    if (broken) {
      const line = (broken.textContent.match(/line (\d+)/i) || [])[1];
      throw new Error('the GPX file is not well-formed XML' + (line ? ' (line ' + line + ')' : ''));
    }
    if (doc.documentElement.localName !== 'gpx') throw new Error('the XML file is not GPX: its root element is <' + doc.documentElement.localName + '>');
    const trk = doc.getElementsByTagNameNS('*', 'trk')[0];
    const rte = doc.getElementsByTagNameNS('*', 'rte')[0];
    const pts = trk ? trk.getElementsByTagNameNS('*', 'trkpt') : rte ? rte.getElementsByTagNameNS('*', 'rtept') : [];
    if (!pts.length) throw new Error('the GPX file has no track or route points');
    return Array.from(pts, (p, k) => {
      const lat = Number(p.getAttribute('lat'));
      const lon = Number(p.getAttribute('lon'));
      if (p.getAttribute('lat') === null || p.getAttribute('lon') === null || !isFinite(lat) || !isFinite(lon)) {
        throw new Error('GPX point ' + (k + 1) + ' has no numeric lat and lon');
      }
      return [lat, lon];
    });
  }

  /** Reads a route by its content: GeoJSON, GPX, or an encoded polyline. */
  function parseRoute(text, precision) {
    const t = text.trim();
    if (!t) throw new Error('it is empty');
    if (t[0] === '{') return parseGeoJson(t);
    if (t[0] === '<') return parseGpx(t);
    return decodePolyline(t, precision);
  }

  // ---------- map

  const map = L.map('map', { worldCopyJump: true, minZoom: 1, zoomSnap: 0.25, keyboard: true })
    .setView([46.5, 6.7], 9);
  map.attributionControl.setPrefix(false);
  map.createPane('corridor').classList.add('leaflet-corridor-pane');
  map.getPane('corridor').style.zIndex = 390;
  const corridorRenderer = L.svg({ pane: 'corridor', padding: 0.5 });
  map.createPane('base').style.zIndex = 250;   // above tiles, below everything drawn on the map
  const baseRenderer = L.canvas({ pane: 'base', padding: 0.5 });
  const pointRenderer = L.canvas({ padding: 0.5 });

  const baseLayer = L.layerGroup().addTo(map);
  const corridorLayer = L.layerGroup().addTo(map);
  const bboxLayer = L.layerGroup().addTo(map);
  const routeLayer = L.layerGroup().addTo(map);
  const nearbyLayer = L.layerGroup().addTo(map);
  const matchLayer = L.layerGroup().addTo(map);
  const selectionLayer = L.layerGroup().addTo(map);
  const vertexLayer = L.layerGroup().addTo(map);

  /**
   * Draws the offline base map (Natural Earth land and borders) at three longitudes: the land
   * filled, its coasts stroked apart so that the cuts at ±180° and the south pole's edge, which
   * are not coasts, stay unseen.
   */
  function loadBaseMap() {
    fetch('/web/world-110m.geojson').then((r) => r.json()).then((world) => {
      const land = world.features.find((f) => f.properties.layer === 'land');
      const borders = world.features.find((f) => f.properties.layer === 'borders');
      const coasts = [];
      for (const polygon of land.geometry.coordinates) {
        let line = [];
        const ring = polygon[0];
        for (let i = 0; i < ring.length; i++) {
          line.push(ring[i]);
          const next = ring[i + 1];
          const cut = next && ((Math.abs(ring[i][0]) === 180 && ring[i][0] === next[0]) || (ring[i][1] === -90 && next[1] === -90));
          if (cut || !next) {
            if (line.length > 1) coasts.push(line);
            line = [];
          }
        }
      }
      for (const shift of [-360, 0, 360]) {
        const at = (c) => L.latLng(c[1], c[0] + shift);
        L.geoJSON(land, { renderer: baseRenderer, interactive: false, coordsToLatLng: at,
          style: { stroke: false, fillColor: '#f4f2ec', fillOpacity: 1 } }).addTo(baseLayer);
        L.geoJSON({ type: 'MultiLineString', coordinates: coasts }, { renderer: baseRenderer, interactive: false,
          coordsToLatLng: at, style: { color: '#a8b5bf', weight: 0.8 } }).addTo(baseLayer);
        L.geoJSON(borders, { renderer: baseRenderer, interactive: false, coordsToLatLng: at,
          style: { color: '#c4b3c4', weight: 0.8, dashArray: '3 2' } }).addTo(baseLayer);
      }
    }).catch(() => {});
  }

  /** Longitude shifts at which to draw overlays, so that a route near ±180° shows on either side. */
  function shifts() {
    const near = state.route.some(([, lon]) => Math.abs(lon) > 120);
    return near ? [-360, 0, 360] : [0];
  }

  function routeCentreLon() {
    if (!state.route.length) return 0;
    const lons = state.route.map((v) => v[1]);
    return (Math.min(...lons) + Math.max(...lons)) / 2;
  }

  /** Moves a longitude by a multiple of 360° to the copy nearest the route. */
  function nearRoute(lon) {
    const c = routeCentreLon();
    return lon + 360 * Math.round((c - lon) / 360);
  }

  function drawRoute() {
    routeLayer.clearLayers();
    vertexLayer.clearLayers();
    bboxLayer.clearLayers();
    if (!state.route.length) return;
    const line = densify(state.route);
    for (const s of shifts()) {
      const pts = line.map(([lat, lon]) => [lat, lon + s]);
      L.polyline(pts, { color: '#ffffff', weight: 7, opacity: 0.8, interactive: false }).addTo(routeLayer);
      L.polyline(pts, { color: '#1d4ed8', weight: 3.5, interactive: false }).addTo(routeLayer);
    }
    if (state.bbox) {
      const lats = line.map((p) => p[0]);
      const lons = line.map((p) => p[1]);
      for (const s of shifts()) {
        L.rectangle([[Math.min(...lats), Math.min(...lons) + s], [Math.max(...lats), Math.max(...lons) + s]],
          { color: '#7c3aed', weight: 1.5, dashArray: '6 4', fill: false, interactive: false }).addTo(bboxLayer);
      }
    }
    state.route.forEach((v, i) => {
      const marker = L.marker(v, {
        draggable: true,
        keyboard: true,
        title: 'Vertex ' + (i + 1) + ': drag to move; double-click or Delete to remove',
        alt: 'Route vertex ' + (i + 1),
        icon: L.divIcon({ className: 'vertex-icon' + (i === 0 ? ' first' : ''), iconSize: [14, 14] }),
        bubblingMouseEvents: false,
      });
      marker.on('dragstart', () => pushUndo());
      marker.on('drag', (e) => {
        const ll = e.target.getLatLng();
        state.route[i] = [ll.lat, ll.lng];
        drawRouteLineOnly();
      });
      marker.on('dragend', () => { state.route = unwrap(state.route); routeChanged(); });
      marker.on('dblclick contextmenu', (e) => { L.DomEvent.stop(e); removeVertex(i); });
      marker.on('add', () => {
        const el = marker.getElement();
        el.addEventListener('keydown', (e) => {
          if (e.key === 'Delete' || e.key === 'Backspace') { e.preventDefault(); removeVertex(i); }
        });
      });
      marker.addTo(vertexLayer);
    });
  }

  function drawRouteLineOnly() {
    routeLayer.clearLayers();
    const line = densify(unwrap(state.route));
    L.polyline(line, { color: '#1d4ed8', weight: 3.5, interactive: false }).addTo(routeLayer);
  }

  function drawCorridor(collection) {
    corridorLayer.clearLayers();
    if (!collection) return;
    const polygons = [];
    for (const f of collection.features) {
      const g = f.geometry;
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
      for (const p of polys) {
        const ring = p[0];
        const lons = ring.map((c) => c[0]);
        const centre = (Math.min(...lons) + Math.max(...lons)) / 2;
        const shift = nearRoute(centre) - centre;
        polygons.push(p.map((r) => r.map(([lon, lat]) => [lat, lon + shift])));
      }
    }
    for (const s of shifts()) {
      const moved = polygons.map((p) => p.map((r) => r.map(([lat, lon]) => [lat, lon + s])));
      // The edge first, then an opaque fill over it in the same translucent pane: overlapping
      // pieces merge, and only the outer half of the outer edge stays visible.
      L.polygon(moved, { renderer: corridorRenderer, color: '#0b2e8a', weight: 4, fill: false, interactive: false }).addTo(corridorLayer);
      L.polygon(moved, { renderer: corridorRenderer, stroke: false, fillColor: '#7fb2f0', fillOpacity: 1, fillRule: 'nonzero', interactive: false }).addTo(corridorLayer);
    }
  }

  /** The [lat, lon] of a feature's point nearest the route, near the route's longitudes. */
  function featurePoints(f) {
    const g = f.geometry;
    const coords = g.type === 'Point' ? [g.coordinates] : g.coordinates;
    return coords.map(([lon, lat]) => [lat, nearRoute(lon)]);
  }

  function drawMatches() {
    matchLayer.clearLayers();
    nearbyLayer.clearLayers();
    const features = lastAnswer ? lastAnswer.features : [];
    if (state.nearby) {
      for (const f of lastNearby) {
        for (const s of shifts()) {
          for (const [lat, lon] of featurePoints(f)) {
            L.circleMarker([lat, lon + s], { renderer: pointRenderer, radius: 4, color: '#ffffff', weight: 1, fillColor: '#16a34a', fillOpacity: 0.9, bubblingMouseEvents: false })
              .bindTooltip(label(f) + ' · ' + formatM(f.properties.distance_m) + ' away, outside')
              .addTo(nearbyLayer);
          }
        }
      }
    }
    features.forEach((f, i) => {
      for (const s of shifts()) {
        for (const [lat, lon] of featurePoints(f)) {
          L.circleMarker([lat, lon + s], { renderer: pointRenderer, radius: 5.5, color: '#ffffff', weight: 1.5, fillColor: '#dc2626', fillOpacity: 1, bubblingMouseEvents: false })
            .bindTooltip(label(f) + ' · ' + formatM(f.properties.distance_m))
            .on('click', () => select(f.id, true))
            .addTo(matchLayer);
        }
      }
      void i;
    });
    drawSelection();
  }

  function drawSelection() {
    selectionLayer.clearLayers();
    document.querySelectorAll('#results li').forEach((li) => li.classList.toggle('selected', li.dataset.id === state.selected));
    if (!lastAnswer || state.selected === null) return;
    const f = lastAnswer.features.find((x) => String(x.id) === state.selected);
    if (!f) return;
    const onRoute = pointAtOffset(state.route, f.properties.offset_m);
    const pts = featurePoints(f);
    const nearest = pts.reduce((best, p) => angle(vec(p), vec(onRoute)) < angle(vec(best), vec(onRoute)) ? p : best, pts[0]);
    for (const s of shifts()) {
      const a = [nearest[0], nearest[1] + s];
      const b = [onRoute[0], onRoute[1] + s];
      L.polyline([a, b], { color: '#f59e0b', weight: 2.5, dashArray: '5 4', interactive: false }).addTo(selectionLayer);
      L.circleMarker(b, { radius: 6, color: '#92400e', weight: 2, fillColor: '#fbbf24', fillOpacity: 1, interactive: false }).addTo(selectionLayer);
      L.circleMarker(a, { radius: 10, color: '#f59e0b', weight: 3, fill: false, interactive: false }).addTo(selectionLayer);
    }
    return nearest;
  }

  function select(id, fromMap) {
    state.selected = id === null ? null : String(id);
    const nearest = drawSelection();
    writeUrl();
    if (state.selected === null) return;
    const li = document.querySelector('#results li[data-id="' + CSS.escape(state.selected) + '"]');
    if (li && fromMap) li.scrollIntoView({ block: 'nearest' });
    if (nearest && !fromMap && !map.getBounds().contains(nearest)) map.panTo(nearest);
  }

  // ---------- route editing

  function pushUndo() {
    undoStack.push(state.route.map((v) => v.slice()));
    if (undoStack.length > 200) undoStack.shift();
  }

  function setRoute(vertices, fit) {
    pushUndo();
    state.route = unwrap(vertices);
    state.selected = null;
    routeChanged();
    if (fit) fitRoute();
  }

  function addVertex(latlng) {
    pushUndo();
    const lon = state.route.length ? state.route[state.route.length - 1][1] + wrapDelta(latlng.lng - state.route[state.route.length - 1][1]) : latlng.lng;
    state.route.push([latlng.lat, lon]);
    routeChanged();
  }

  function removeVertex(i) {
    pushUndo();
    state.route.splice(i, 1);
    state.route = unwrap(state.route);
    routeChanged();
  }

  function undo() {
    if (!undoStack.length) return;
    state.route = undoStack.pop();
    routeChanged();
  }

  function fitRoute() {
    if (!state.route.length) return;
    const line = densify(state.route);
    const lats = line.map((p) => p[0]);
    const lons = line.map((p) => p[1]);
    // The corridor reaches the radius beyond the route: in degrees of latitude, and of longitude
    // at the route's highest latitude.
    const padLat = Math.max(state.radius / 111195, 0.002);
    const maxAbsLat = Math.min(89, Math.max(...lats.map(Math.abs)) + padLat);
    const padLon = Math.min(180, padLat / Math.cos(rad(maxAbsLat)));
    map.fitBounds([[Math.min(...lats) - padLat, Math.min(...lons) - padLon], [Math.max(...lats) + padLat, Math.max(...lons) + padLon]],
      { maxZoom: 15, padding: [24, 24] });
  }

  function routeChanged() {
    clearError('route-error');
    $('undo').disabled = undoStack.length === 0;
    $('clear').disabled = state.route.length === 0;
    const n = state.route.length;
    $('route-summary').textContent = n === 0 ? 'No route yet.'
      : n + (n === 1 ? ' vertex (a point)' : ' vertices') + ' · ' + formatM(routeLengthM(state.route));
    drawRoute();
    changed();
  }

  // ---------- the API, one job at a time, the latest wins

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem && problem.detail ? problem.detail : 'the server answered ' + status);
      this.status = status;
      this.pointer = problem ? problem.pointer || null : null;
      this.parameter = problem ? problem.parameter || null : null;
    }
  }

  async function post(path, body) {
    let response;
    try {
      response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
    } catch (e) {
      throw new ApiError(0, { detail: 'the server cannot be reached: ' + e.message });
    }
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) throw new ApiError(response.status, data);
    return { data, timing: response.headers.get('Server-Timing') };
  }

  function routeGeometry() {
    const coords = state.route.map(([lat, lon]) => [wrapLon(lon), lat]);
    return coords.length === 1 ? { type: 'Point', coordinates: coords[0] } : { type: 'LineString', coordinates: coords };
  }

  function searchBody(radius, limit, sort) {
    const body = { route: routeGeometry(), radius_m: radius, limit, sort };
    if (state.categories.size) body.categories = Array.from(state.categories);
    return body;
  }

  let version = 0;
  let running = false;

  function changed() {
    version++;
    writeUrl();
    if (!running) run();
  }

  async function run() {
    running = true;
    document.body.dataset.busy = 'true';
    try {
      for (;;) {
        const v = version;
        await job(() => v !== version);
        if (v === version) break;
      }
    } finally {
      running = false;
      document.body.dataset.busy = 'false';
    }
  }

  async function job(stale) {
    for (const id of ['radius-error', 'categories-error', 'limit-error', 'sort-error', 'error']) clearError(id);
    if (!state.route.length) {
      clearAnswer();
      $('status').textContent = 'Draw or load a route.';
      return;
    }
    if (!(state.radius > 0)) {
      showError('radius-error', 'The radius must be a number of metres greater than 0.');
      return;
    }
    $('status').textContent = 'Searching…';
    try {
      const outline = await post('/v1/corridor', { route: routeGeometry(), radius_m: state.radius });
      if (stale()) return;
      drawCorridor(outline.data);
      const answer = await post('/v1/search', searchBody(state.radius, state.limit, state.sort));
      if (stale()) return;
      lastAnswer = answer.data;
      showTiming(answer.timing);
      if (state.selected !== null && !lastAnswer.features.some((f) => String(f.id) === state.selected)) state.selected = null;
      showResults();
      drawMatches();
      lastNearby = [];
      if (state.nearby) {
        try {
          const around = await post('/v1/search', searchBody(Math.min(2 * state.radius, config.max_radius_m || 2 * state.radius), NEARBY_LIMIT, 'distance'));
          if (stale()) return;
          lastNearby = around.data.features.filter((f) => f.properties.distance_m > state.radius);
        } catch (e) {
          lastNearby = [];   // the ring around is a courtesy; the answer above stands
        }
        drawMatches();
      }
    } catch (e) {
      if (stale()) return;
      clearAnswer();
      showApiError(e);
    }
  }

  /** Removes the last answer from the map and the list. */
  function clearAnswer() {
    lastAnswer = null;
    lastNearby = [];
    drawCorridor(null);
    showResults();
    drawMatches();
  }

  /** Shows a problem next to the input it concerns, by its JSON pointer or parameter. */
  function showApiError(e) {
    const where = e.pointer || (e.parameter ? '/' + e.parameter : '');
    let box = 'error';
    let text = e.message;
    if (where.startsWith('/route')) {
      box = 'route-error';
      const m = where.match(/^\/route\/coordinates\/(\d+)(?:\/(\d))?/);
      if (m) text += ' (vertex ' + (Number(m[1]) + 1) + (m[2] === '0' ? ', longitude' : m[2] === '1' ? ', latitude' : '') + ')';
    } else if (where.startsWith('/radius_m')) {
      box = 'radius-error';
    } else if (where.startsWith('/categories')) {
      box = 'categories-error';
    } else if (where.startsWith('/limit')) {
      box = 'limit-error';
    } else if (where.startsWith('/sort')) {
      box = 'sort-error';
    }
    if (e.status === 503) {
      // Busy, or the index is still loading: try again shortly, unless the user edits first.
      text = 'The server is busy or still loading (' + e.message + '); trying again.';
      const at = version;
      setTimeout(() => { if (at === version && !running) changed(); }, 1500);
    }
    showError(box, text);
    $('status').textContent = 'No answer: see the message above.';
    if (box === 'error') $('status').textContent = 'No answer.';
  }

  function showError(id, text) {
    const el = $(id);
    el.textContent = text;
    el.hidden = false;
  }

  function clearError(id) {
    const el = $(id);
    el.textContent = '';
    el.hidden = true;
  }

  // ---------- results

  function label(f) {
    return (f.properties && f.properties.name) || String(f.id);
  }

  function formatM(m) {
    if (m === undefined || m === null) return '';
    if (m < 1000) return m.toFixed(m < 10 ? 1 : 0) + ' m';
    if (m < 100000) return (m / 1000).toFixed(2) + ' km';
    return Math.round(m / 1000).toLocaleString('en') + ' km';
  }

  function showTiming(header) {
    const dl = $('timing');
    dl.textContent = '';
    if (!header) return;
    for (const part of header.split(',')) {
      const name = part.trim().split(';')[0];
      const dur = (part.match(/dur=([0-9.]+)/) || [])[1];
      if (!name || dur === undefined) continue;
      const div = document.createElement('div');
      const dt = document.createElement('dt');
      dt.textContent = name;
      const dd = document.createElement('dd');
      dd.textContent = Number(dur).toFixed(Number(dur) < 10 ? 2 : 1) + ' ms';
      div.append(dt, dd);
      dl.append(div);
    }
  }

  function showResults() {
    const list = $('results');
    list.textContent = '';
    const features = lastAnswer ? lastAnswer.features : [];
    $('download-csv').disabled = !lastAnswer;
    $('download-geojson').disabled = !lastAnswer;
    if (!lastAnswer) { $('timing').textContent = ''; return; }
    const more = lastAnswer.continuation ? ' (the first ' + features.length + '; raise the limit for more)' : '';
    $('status').textContent = features.length + (features.length === 1 ? ' location' : ' locations') + ' within ' + formatM(state.radius)
      + (state.sort === 'offset' ? ', in route order' : ', nearest first') + more + '.';
    const frag = document.createDocumentFragment();
    for (const f of features) {
      const li = document.createElement('li');
      li.dataset.id = String(f.id);
      if (li.dataset.id === state.selected) li.classList.add('selected');
      const b = document.createElement('button');
      b.type = 'button';
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = label(f);
      const dist = document.createElement('span');
      dist.className = 'dist';
      dist.textContent = formatM(f.properties.distance_m);
      dist.title = 'distance to the route';
      const cat = document.createElement('span');
      cat.className = 'cat';
      cat.textContent = [f.properties.category, f.properties.name ? String(f.id) : null].filter(Boolean).join(' · ');
      const off = document.createElement('span');
      off.className = 'off';
      off.textContent = 'at ' + formatM(f.properties.offset_m);
      off.title = 'offset along the route';
      b.append(name, dist, cat, off);
      b.setAttribute('aria-label', label(f) + ', ' + (f.properties.category || '') + ', ' + formatM(f.properties.distance_m) + ' from the route, ' + formatM(f.properties.offset_m) + ' along it');
      b.addEventListener('click', () => select(state.selected === String(f.id) ? null : f.id, false));
      li.append(b);
      frag.append(li);
    }
    list.append(frag);
  }

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function csvField(v) {
    const s = v === undefined || v === null ? '' : String(v);
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function answerCsv() {
    const rows = ['id,name,category,distance_m,offset_m,lon,lat'];
    for (const f of lastAnswer.features) {
      const c = f.geometry.type === 'Point' ? f.geometry.coordinates : f.geometry.coordinates[0];
      rows.push([f.id, f.properties.name, f.properties.category, f.properties.distance_m.toFixed(3), f.properties.offset_m.toFixed(3), c[0], c[1]].map(csvField).join(','));
    }
    return rows.join('\n') + '\n';
  }

  // ---------- the page's URL holds the view

  function writeUrl() {
    const p = new URLSearchParams();
    if (state.route.length) p.set('route', encodePolyline(state.route, 6));
    p.set('r', String(state.radius));
    if (state.categories.size) p.set('cat', Array.from(state.categories).join(','));
    p.set('limit', String(state.limit));
    if (state.sort !== 'offset') p.set('sort', state.sort);
    if (!state.nearby) p.set('nearby', '0');
    if (state.bbox) p.set('bbox', '1');
    if (state.selected !== null) p.set('sel', state.selected);
    const c = map.getCenter();
    p.set('map', map.getZoom().toFixed(2) + '/' + c.lat.toFixed(5) + '/' + c.lng.toFixed(5));
    history.replaceState(null, '', '?' + p.toString());
  }

  /** Applies the URL's state; returns whether it held a map view. */
  function readUrl() {
    const p = new URLSearchParams(location.search);
    if (p.has('route')) {
      try {
        state.route = unwrap(decodePolyline(p.get('route'), 6));
      } catch (e) {
        showError('route-error', 'The link\'s route cannot be read: ' + e.message);
      }
    }
    const r = Number(p.get('r'));
    if (p.has('r') && r > 0) state.radius = r;
    if (p.get('cat')) state.categories = new Set(p.get('cat').split(',').filter(Boolean));
    const limit = Number(p.get('limit'));
    if (Number.isInteger(limit) && limit > 0) state.limit = limit;
    if (p.get('sort') === 'distance') state.sort = 'distance';
    state.nearby = p.get('nearby') !== '0';
    state.bbox = p.get('bbox') === '1';
    state.selected = p.has('sel') ? p.get('sel') : null;
    const view = (p.get('map') || '').split('/').map(Number);
    if (view.length === 3 && view.every(isFinite)) {
      map.setView([view[1], view[2]], view[0], { animate: false });
      return true;
    }
    return false;
  }

  // ---------- controls

  const sliderToRadius = (x) => Math.round(MIN_RADIUS_M * Math.pow(MAX_SLIDER_RADIUS_M / MIN_RADIUS_M, x / 1000));
  const radiusToSlider = (r) => Math.round(1000 * Math.log(Math.min(Math.max(r, MIN_RADIUS_M), MAX_SLIDER_RADIUS_M) / MIN_RADIUS_M) / Math.log(MAX_SLIDER_RADIUS_M / MIN_RADIUS_M));

  function syncControls() {
    $('radius').value = String(state.radius);
    $('radius-slider').value = String(radiusToSlider(state.radius));
    $('radius-slider').setAttribute('aria-valuetext', formatM(state.radius));
    $('limit').value = String(state.limit);
    $('sort').value = state.sort;
    $('show-nearby').checked = state.nearby;
    $('show-bbox').checked = state.bbox;
    document.querySelectorAll('#categories input').forEach((box) => { box.checked = state.categories.has(box.value); });
  }

  function setDrawing(on) {
    drawing = on;
    $('draw').setAttribute('aria-pressed', String(on));
    $('map').classList.toggle('drawing', on);
  }

  function wireControls() {
    $('draw').addEventListener('click', () => setDrawing(!drawing));
    $('add-centre').addEventListener('click', () => addVertex(map.getCenter()));
    $('undo').addEventListener('click', undo);
    $('clear').addEventListener('click', () => { if (state.route.length) setRoute([], false); });
    document.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'z' && !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) {
        e.preventDefault();
        undo();
      }
    });
    map.on('click', (e) => { if (drawing) addVertex(e.latlng); });
    map.on('moveend', () => writeUrl());

    $('radius-slider').addEventListener('input', (e) => {
      state.radius = sliderToRadius(Number(e.target.value));
      $('radius').value = String(state.radius);
      e.target.setAttribute('aria-valuetext', formatM(state.radius));
      changed();
    });
    $('radius').addEventListener('input', (e) => {
      const r = Number(e.target.value);
      if (e.target.value === '' || !(r > 0)) {
        showError('radius-error', 'The radius must be a number of metres greater than 0.');
        return;
      }
      state.radius = r;
      $('radius-slider').value = String(radiusToSlider(r));
      changed();
    });
    $('limit').addEventListener('change', (e) => {
      const n = Number(e.target.value);
      if (!Number.isInteger(n) || n < 1) {
        showError('limit-error', 'The limit must be a whole number of at least 1.');
        return;
      }
      clearError('limit-error');
      state.limit = n;
      changed();
    });
    $('sort').addEventListener('change', (e) => { state.sort = e.target.value; changed(); });
    $('show-nearby').addEventListener('change', (e) => { state.nearby = e.target.checked; changed(); });
    $('show-bbox').addEventListener('change', (e) => { state.bbox = e.target.checked; drawRoute(); writeUrl(); });

    $('paste-load').addEventListener('click', () => {
      clearError('paste-error');
      try {
        setRoute(parseRoute($('paste').value, Number($('precision').value)), true);
      } catch (e) {
        showError('paste-error', 'This route cannot be read: ' + e.message + '.');
      }
    });
    $('file').addEventListener('change', (e) => {
      clearError('file-error');
      const file = e.target.files[0];
      if (!file) return;
      if (file.size > 16 * 1024 * 1024) {
        showError('file-error', file.name + ' is larger than 16 MB.');
        return;
      }
      file.text().then((text) => {
        try {
          setRoute(parseRoute(text, Number($('precision').value)), true);
        } catch (err) {
          showError('file-error', file.name + ': ' + err.message + '.');
        }
      });
    });

    $('download-csv').addEventListener('click', () => download('corridor.csv', 'text/csv', answerCsv()));
    $('download-geojson').addEventListener('click', () => download('corridor.geojson', 'application/geo+json', JSON.stringify(lastAnswer, null, 1)));
  }

  function showCategories(categories) {
    const box = $('categories');
    box.textContent = '';
    const names = Object.keys(categories || {}).sort();
    $('categories-box').hidden = names.length === 0;
    for (const name of names) {
      const l = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.value = name;
      input.checked = state.categories.has(name);
      input.addEventListener('change', () => {
        if (input.checked) state.categories.add(name); else state.categories.delete(name);
        changed();
      });
      l.append(input, ' ' + name + ' ', Object.assign(document.createElement('span'), { className: 'muted', textContent: '(' + categories[name].toLocaleString('en') + ')' }));
      box.append(l);
    }
  }

  async function loadIndex(hadView) {
    try {
      const response = await fetch('/v1/index');
      const index = await response.json();
      if (response.status === 503) {
        // The server is still loading its index (the demo takes a few seconds): wait for it.
        $('index-info').textContent = 'The server is loading its index…';
        await new Promise((resolve) => setTimeout(resolve, 1500));
        return loadIndex(hadView);
      }
      if (!response.ok) throw new Error(index.detail || 'status ' + response.status);
      $('index-info').textContent = index.locations.toLocaleString('en') + ' locations'
        + (index.source === 'demo' ? ' (demo data)' : '') + ' · search along a route, exact on the sphere';
      showCategories(index.categories);
      if (!hadView && !state.route.length && Array.isArray(index.bbox) && index.bbox.length === 4) {
        const [w, s, e, n] = index.bbox;
        map.fitBounds([[s, w], [n, e > w ? e : e + 360]]);
      }
    } catch (e) {
      $('index-info').textContent = 'The index cannot be read: ' + e.message;
    }
  }

  async function loadConfig() {
    try {
      const response = await fetch('/web/config.json');
      config = await response.json();
    } catch (e) {
      config = {};
    }
    if (config.tile_url) {
      const tiles = L.tileLayer(config.tile_url, { attribution: config.tile_attribution || '', maxZoom: 19 });
      L.control.layers({ 'Outline map (offline)': baseLayer, Tiles: tiles }, null, { position: 'topright' }).addTo(map);
      map.removeLayer(baseLayer);
      tiles.addTo(map);
    }
  }

  // ---------- start

  loadBaseMap();
  wireControls();
  const hadView = readUrl();
  syncControls();
  setDrawing(true);
  loadConfig();
  loadIndex(hadView).then(() => syncControls());
  drawRoute();
  $('clear').disabled = state.route.length === 0;
  if (state.route.length) {
    $('route-summary').textContent = state.route.length + (state.route.length === 1 ? ' vertex (a point)' : ' vertices') + ' · ' + formatM(routeLengthM(state.route));
    if (!hadView) fitRoute();
  }
  changed();
  window.corridorPage = { state, map };   // for the browser test and the console
})();

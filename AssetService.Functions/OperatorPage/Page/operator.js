// The operator page: the portfolio (every asset with lifecycle, latest status and stored energy) and the
// day view (one uPlot chart of an asset's delivery day in the market's local time). Data comes from the
// /api/v1 endpoints with the key the user gave once; it is kept in sessionStorage, for this tab only.
'use strict';
(() => {
  const KEY = 'asset-service-key';
  const ZONES = { DE: 'Europe/Berlin', PL: 'Europe/Warsaw' };
  const SLOT_MS = 15 * 60 * 1000;
  const PAGE = 1000;
  const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#ff7f0e'];
  const $ = id => document.getElementById(id);

  class Unauthorized extends Error {}

  // #key=... in a link: keep it for this tab and take it out of the address bar (and so out of the history).
  function takeKeyFromAddress() {
    const match = location.hash.match(/(?:^#|&)key=([^&]*)/);
    if (!match) return;
    sessionStorage.setItem(KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }

  // A bearer token (a JWT, or anything given as "Bearer ...") goes in Authorization, a function key in x-functions-key.
  function authHeaders() {
    const key = sessionStorage.getItem(KEY) ?? '';
    const token = key.replace(/^Bearer\s+/i, '');
    return /^Bearer\s/i.test(key) || token.split('.').length === 3
      ? { Authorization: `Bearer ${token}` }
      : { 'x-functions-key': key };
  }

  async function api(path, params, accept = 'application/json') {
    const url = new URL(path, location.origin);
    for (const [name, value] of Object.entries(params ?? {})) url.searchParams.set(name, value);
    const response = await fetch(url, { headers: { ...authHeaders(), Accept: accept } });
    if (response.status === 401) throw new Unauthorized();
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = JSON.stringify((await response.json()).detail); } catch { /* not JSON */ }
      throw new Error(`${path} answered ${response.status}: ${detail}`);
    }
    return accept === 'text/csv' ? response.blob() : response.json();
  }

  async function all(path, list, params) {
    const rows = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await api(path, { ...params, limit: PAGE, offset });
      rows.push(...page[list]);
      if (page[list].length < PAGE) return rows;
    }
  }

  const chunks = (items, size) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
  const number = value => value == null ? '' : Number(value).toLocaleString('en', { maximumFractionDigits: 3 });

  function setStatus(text, error = false) {
    $('status').textContent = text;
    $('status').className = error ? 'error' : '';
  }

  // ---- time in the market's zone -------------------------------------------------------------------
  function zoned(t, zone) {
    const format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit',
      day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'shortOffset' });
    return Object.fromEntries(format.formatToParts(new Date(t)).map(p => [p.type, p.value]));
  }
  function offsetMs(t, zone) {
    const p = zoned(t, zone);
    return Date.UTC(+p.year, p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(t / 1000) * 1000;
  }
  // The instant a delivery day starts: local midnight (never inside a DST switch in DE or PL).
  function dayStart(day, zone) {
    const [y, m, d] = day.split('-').map(Number);
    const wall = Date.UTC(y, m - 1, d);
    return wall - offsetMs(wall - offsetMs(wall, zone), zone);
  }
  function addDays(day, n) {
    const [y, m, d] = day.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
  }
  function today(zone) {
    const p = zoned(Date.now(), zone);
    return `${p.year}-${p.month}-${p.day}`;
  }
  const iso = t => new Date(t).toISOString().replace('.000Z', 'Z');
  const clock = (t, zone) => { const p = zoned(t, zone); return `${p.hour}:${p.minute}`; };

  // ---- portfolio ---------------------------------------------------------------------------------------
  async function showPortfolio() {
    setStatus('Loading assets…');
    const assets = await all('/api/v1/assets', 'assets', {});
    const statuses = new Map(), snapshots = new Map();
    for (const ids of chunks(assets.map(a => a.id), 100)) {
      const [status, energy] = await Promise.all([
        all('/api/v1/status', 'statuses', { asset_ids: ids.join(','), latest: 'true' }),
        all('/api/v1/state-snapshots', 'state_snapshots', { asset_ids: ids.join(','), latest: 'true' })]);
      status.forEach(s => statuses.set(s.asset_id, s));
      energy.forEach(s => snapshots.set(s.asset_id, s));
    }
    const body = $('assets');
    body.replaceChildren(...assets.map(asset => {
      const row = document.createElement('tr');
      row.dataset.assetId = asset.id;
      const status = statuses.get(asset.id)?.status ?? 'UNKNOWN';
      const snapshot = snapshots.get(asset.id);
      const link = document.createElement('a');
      link.href = `?asset=${encodeURIComponent(asset.id)}&day=${today(ZONES[asset.region])}`;
      link.textContent = asset.id;
      const cells = [link, asset.name, asset.type, asset.lifecycle, status, number(snapshot?.stored_energy), snapshot?.effective_at ?? ''];
      cells.forEach((content, i) => {
        const cell = document.createElement('td');
        cell.append(content);
        if (i === 4) cell.className = `status-${status}`;
        if (i === 5) cell.className = 'number';
        row.append(cell);
      });
      return row;
    }));
    $('portfolio').hidden = false;
    applyFilter();
    setStatus(assets.length === 0 ? 'No assets yet.' : '');
  }

  function applyFilter() {
    const words = $('filter').value.toLowerCase().split(/\s+/).filter(Boolean);
    const rows = [...$('assets').rows];
    let shown = 0;
    for (const row of rows) {
      const text = row.textContent.toLowerCase();
      row.hidden = !words.every(w => text.includes(w));
      if (!row.hidden) shown++;
    }
    $('count').textContent = `${shown} of ${rows.length} assets`;
  }

  // ---- day view ----------------------------------------------------------------------------------------
  async function showDay(assetId, requestedDay) {
    setStatus('Loading the day…');
    const asset = await api(`/api/v1/assets/${encodeURIComponent(assetId)}`);
    const zone = ZONES[asset.region];
    const day = /^\d{4}-\d{2}-\d{2}$/.test(requestedDay ?? '') ? requestedDay : today(zone);
    const start = dayStart(day, zone), end = dayStart(addDays(day, 1), zone);
    const slots = Math.round((end - start) / SLOT_MS);
    const range = { asset_ids: asset.id, from: iso(start), to: iso(end) };

    document.title = `${asset.id} ${day} — Asset Service`;
    $('day-title').textContent = `${asset.id} · ${asset.name} · ${day} (${zone}, ${slots} quarter hours)`;
    const link = d => `?asset=${encodeURIComponent(asset.id)}&day=${d}`;
    $('prev-day').href = link(addDays(day, -1));
    $('next-day').href = link(addDays(day, 1));
    $('day-picker').value = day;
    $('day-picker').onchange = e => { if (e.target.value) location.search = link(e.target.value); };
    for (const button of document.querySelectorAll('[data-csv]'))
      button.onclick = () => download(button.dataset.csv, range, `${asset.id}_${day}_${button.dataset.csv}.csv`);
    $('day').hidden = false;

    const [limits, forecasts, reservations, dispatches, snapshots, headroom] = await Promise.all([
      all('/api/v1/limits', 'limits', range),
      all('/api/v1/forecasts', 'forecasts', range),
      all('/api/v1/reservations', 'reservations', range),
      all('/api/v1/dispatches', 'dispatches', range),
      all('/api/v1/state-snapshots', 'state_snapshots', range),
      all('/api/v1/headroom', 'headroom', range)]);
    draw({ zone, start, slots, limits, forecasts, reservations, dispatches, snapshots, headroom });
    setStatus('');
  }

  function series(slots) { return new Array(slots + 1).fill(null); }

  // Every line of the chart: label, axis (MW or MWh), values per slot, look.
  function lines({ start, slots, limits, forecasts, reservations, dispatches, snapshots, headroom }) {
    const at = time => Math.floor((Date.parse(time) - start) / SLOT_MS);
    const out = [];
    const add = (label, scale, look, fill) => {
      const values = series(slots);
      fill(values);
      out.push({ label, scale, values, ...look });
    };
    add('limit band: discharge', 'MW', { color: '#1f5fa8', width: 2, step: true, band: 'upper' },
      v => limits.forEach(l => { v[at(l.start_time)] = l.computed.power_discharge; }));
    add('limit band: charge', 'MW', { color: '#1f5fa8', width: 2, step: true, band: 'lower' },
      v => limits.forEach(l => { v[at(l.start_time)] = l.computed.power_charge; }));
    // What is still free to trade (contract 7.2), as a second band beside the limit band.
    add('headroom band: discharge', 'MW', { color: '#2a9d5c', width: 2, step: true, band: 'headroom-upper' },
      v => headroom.forEach(h => { v[at(h.start_time)] = h.discharge.headroom; }));
    add('headroom band: charge', 'MW', { color: '#2a9d5c', width: 2, step: true, band: 'headroom-lower' },
      v => headroom.forEach(h => { v[at(h.start_time)] = h.charge.headroom; }));
    const sources = [...new Set(limits.flatMap(l => l.sources.map(s => s.source)))].sort();
    sources.forEach((source, i) => {
      for (const field of ['power_discharge', 'power_charge'])
        add(`${source} ${field.replace('power_', '')}`, 'MW', { color: PALETTE[(i + 3) % PALETTE.length], dash: [4, 3], width: 1, step: true },
          v => limits.forEach(l => { const s = l.sources.find(x => x.source === source); if (s) v[at(l.start_time)] = s[field]; }));
    });
    add('forecast generation', 'MW', { color: '#2ca02c', width: 1.5, step: true }, v => forecasts.forEach(f => { v[at(f.start_time)] = f.generation; }));
    add('forecast consumption', 'MW', { color: '#8c564b', width: 1.5, step: true }, v => forecasts.forEach(f => { v[at(f.start_time)] = f.consumption; }));
    const markets = [...new Set(reservations.map(r => r.market))].sort();
    markets.forEach((market, i) => add(`reservation ${market}`, 'MW', { color: PALETTE[(i + 5) % PALETTE.length], width: 1.5, step: true },
      v => reservations.filter(r => r.market === market).forEach(r => { const k = at(r.start_time); v[k] = (v[k] ?? 0) + r.power; })));
    // Per slot the newest issued dispatch of each (market, source) holds; they add up.
    add('dispatch', 'MW', { color: '#d62728', width: 2.5, step: true }, v => {
      const newest = new Map();
      for (const d of dispatches) {
        const key = `${at(d.start_time)}|${d.market}|${d.source}`;
        if (!newest.has(key) || newest.get(key).issued_at <= d.issued_at) newest.set(key, d);
      }
      for (const d of newest.values()) { const k = at(d.start_time); if (k >= 0 && k < slots) v[k] = (v[k] ?? 0) + d.power; }
    });
    add('limit energy low', 'MWh', { color: '#9467bd', dash: [2, 4], width: 1, step: true }, v => limits.forEach(l => { v[at(l.start_time)] = l.computed.energy_low; }));
    add('limit energy high', 'MWh', { color: '#9467bd', dash: [2, 4], width: 1, step: true }, v => limits.forEach(l => { v[at(l.start_time)] = l.computed.energy_high; }));
    add('stored energy', 'MWh', { color: '#ff7f0e', width: 2, points: true, spanGaps: true },
      v => snapshots.forEach(s => { const k = at(s.effective_at); if (k >= 0 && k < slots) v[k] = s.stored_energy; }));
    // The last quarter hour is drawn up to the end of the day.
    for (const line of out) if (line.step) line.values[slots] = line.values[slots - 1];
    return out;
  }

  function draw(day) {
    const { zone, start, slots } = day;
    const element = $('day-chart');
    element.replaceChildren();
    const drawn = lines(day);
    const xs = Array.from({ length: slots + 1 }, (_, i) => (start + i * SLOT_MS) / 1000);
    const stepped = uPlot.paths.stepped({ align: 1 });
    const band = name => drawn.findIndex(l => l.band === name) + 1;
    const limitedBy = series(slots);
    for (const h of day.headroom) limitedBy[Math.floor((Date.parse(h.start_time) - start) / SLOT_MS)] = h;
    const because = h => h == null ? '' : ` · limited by: discharge ${h.discharge.limited_by.join(', ') || '–'}; charge ${h.charge.limited_by.join(', ') || '–'}`;
    const slotText = t => `${clock(t * 1000, zone)}–${clock(t * 1000 + SLOT_MS, zone)} ${zoned(t * 1000, zone).timeZoneName}`;
    const options = {
      width: Math.max(element.clientWidth, 900), height: 480,
      tzDate: ts => uPlot.tzDate(new Date(ts * 1000), zone),
      scales: { x: { time: true }, MW: {}, MWh: {} },
      axes: [{ label: `local time (${zone})`, values: (u, splits) => splits.map(t => clock(t * 1000, zone)) }, { scale: 'MW', label: 'MW' }, { scale: 'MWh', label: 'MWh', side: 1, grid: { show: false } }],
      bands: [{ series: [band('upper'), band('lower')], fill: 'rgba(31, 95, 168, 0.12)' },
        { series: [band('headroom-upper'), band('headroom-lower')], fill: 'rgba(42, 157, 92, 0.18)' }],
      series: [
        { label: 'quarter hour', value: (u, t) => t == null ? '' : slotText(t) },
        ...drawn.map(l => ({
          label: l.label, scale: l.scale, stroke: l.color, width: l.width, dash: l.dash, spanGaps: l.spanGaps ?? false,
          paths: l.step ? stepped : undefined, points: { show: l.points ?? false },
          value: (u, v) => v == null ? '–' : number(v),
        })),
      ],
      hooks: {
        setCursor: [u => {
          const i = u.cursor.idx;
          $('slot-readout').textContent = i == null || i >= slots ? 'Hover over the chart to read a quarter hour\'s values.'
            : `${slotText(xs[i])}: ` + drawn.filter(l => l.values[i] != null).map(l => `${l.label} ${number(l.values[i])} ${l.scale}`).join(' · ') + because(limitedBy[i]);
        }],
      },
    };
    new uPlot(options, [xs, ...drawn.map(l => l.values)], element);
    element.dataset.slots = String(slots);
    element.dataset.headroomSlots = String(day.headroom.length);
  }

  async function download(kind, range, name) {
    const blob = await api(`/api/v1/${kind}`, range, 'text/csv');
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  // ---- start -------------------------------------------------------------------------------------------
  function askKey(message) {
    $('key-form').hidden = false;
    setStatus(message ?? '', Boolean(message));
    $('key-input').focus();
  }

  async function start() {
    takeKeyFromAddress();
    if (!sessionStorage.getItem(KEY)) return askKey();
    $('key-form').hidden = true;
    $('forget-key').hidden = false;
    const params = new URLSearchParams(location.search);
    try {
      if (params.get('asset')) await showDay(params.get('asset'), params.get('day'));
      else await showPortfolio();
    } catch (error) {
      if (!(error instanceof Unauthorized)) return setStatus(error.message, true);
      sessionStorage.removeItem(KEY);
      askKey('The key was not accepted: enter another one.');
    }
  }

  $('key-form').addEventListener('submit', event => {
    event.preventDefault();
    sessionStorage.setItem(KEY, $('key-input').value.trim());
    $('key-input').value = '';
    start();
  });
  $('forget-key').addEventListener('click', () => { sessionStorage.removeItem(KEY); location.reload(); });
  $('filter').addEventListener('input', applyFilter);
  start();
})();

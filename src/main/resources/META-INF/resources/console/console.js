// Failwise console: reads /api/v1/ and draws; it never writes. No framework, no CDN.
'use strict';

const view = document.getElementById('view');

function esc(s) {
  return String(s == null ? '' : s).replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
}
function n(v) { return v == null ? '–' : Number(v).toLocaleString('en'); }
function age(s) {
  if (s == null) return '–';
  if (s < 90) return s + ' s ago';
  if (s < 5400) return Math.round(s / 60) + ' min ago';
  return Math.round(s / 3600) + ' h ago';
}
function dur(s) {
  if (s == null) return '–';
  const m = Math.round(s / 60);
  return m < 60 ? m + ' min' : Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
}
// Times in the controller's zone (failwise.time-zone), as the explanations write them: "2026-03-12 21:40:00 +01:00".
let zone = 'UTC';
function when(iso) {
  if (!iso) return '–';
  const t = new Date(iso);
  if (isNaN(t)) return esc(iso);
  let parts;
  try {
    parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset'}).formatToParts(t).map(p => [p.type, p.value]));
  } catch (e) {
    return esc(iso); // a zone this browser does not know: the API's own UTC time
  }
  const offset = parts.timeZoneName === 'GMT' ? 'UTC' : parts.timeZoneName.replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${offset}`;
}
function health(h) { return `<span class="health ${esc(h)}">${esc(h)}</span>`; }
// A cluster's health, and that its outage is silenced (not over) when a maintenance window silences one.
function clusterHealth(c) { return health(c.health) + (c.outage === 'Silenced' ? ' <span class="silenced" title="' + esc(c.silenced) + '">outage silenced</span>' : ''); }
async function get(path) {
  const r = await fetch(path, {headers: {Accept: 'application/json'}});
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.status);
  return body;
}

// Counts of a cluster whose health is Unknown are the last ones read, not current: said so, as `failwise get clusters` prints <unknown>.
function lastRead(c) { return `last read ${age(c.signalAgeSeconds)}: ${n(c.devices.connected)} of ${n(c.devices.expected)} connected, ${n(c.devices.offline)} offline`; }
function countCells(c) {
  if (c.countsCurrent === false) {
    const title = esc(lastRead(c) + (c.unknownBecause ? '. ' + c.unknownBecause : ''));
    return `<td class="num unknown" title="${title}">unknown</td><td class="num unknown" title="${title}">unknown</td><td class="num unknown" title="${title}">unknown</td>`;
  }
  return `<td class="num">${n(c.devices.expected)}</td><td class="num">${n(c.devices.connected)}</td><td class="num">${n(c.devices.offline)}</td>`;
}

// The run holding the cluster (as its source or target), or whose moves its counts still settle from.
function runCell(c) {
  if (!c.run) return '';
  const link = `<a href="#/run/${encodeURIComponent(c.namespace)}/${encodeURIComponent(c.run.name)}">${esc(c.run.name)}</a>`;
  return c.run.role === 'settling' ? esc(c.run.text).replace(esc(c.run.name), link) : `${link} (${esc(c.run.role)})`;
}

async function fleet() {
  const f = await get('/api/v1/fleet');
  let h = '<h1>Fleet</h1>';
  const clusterRows = cs => cs.map(c => `<tr class="cluster" data-cluster="${esc(c.namespace)}/${esc(c.name)}">
      <td><a href="#/cluster/${encodeURIComponent(c.namespace)}/${encodeURIComponent(c.name)}">${esc(c.name)}</a></td>
      <td>${esc(c.namespace)}</td><td>${clusterHealth(c)}</td>
      ${countCells(c)}
      <td>${c.staticCounts ? 'static counts' : age(c.signalAgeSeconds)}${c.unknownBecause ? ' · <span class="problem">' + esc(c.unknownBecause) + '</span>' : ''}${c.observers.length ? ' · ' + c.observers.map(o => esc(o.name) + ' ' + esc(o.state || '') + ' ' + age(o.ageSeconds)).join(', ') : ''}</td>
      <td class="run">${runCell(c)}</td></tr>`).join('');
  const head = '<tr><th>cluster</th><th>namespace</th><th>health</th><th class="num">expected</th><th class="num">connected</th><th class="num">offline</th><th>signal</th><th>run</th></tr>';
  for (const r of f.regions) {
    h += `<h2 class="region" data-region="${esc(r.name)}">${esc(r.name)} ${r.displayName ? '· ' + esc(r.displayName) : ''} ${health(r.health)}
      <small>${n(r.devices.connected)} of ${n(r.devices.expected)} connected, ${n(r.devices.offline)} offline</small></h2>
      ${r.message ? `<p class="region-message">${esc(r.message)}</p>` : ''}
      <table>${head}${clusterRows(r.clusters)}</table>`;
  }
  if (f.clustersWithoutRegion.length) h += `<h2>Clusters naming no existing region</h2><table>${head}${clusterRows(f.clustersWithoutRegion)}</table>`;
  if (!f.regions.length && !f.clustersWithoutRegion.length) h += '<p>No regions or clusters yet.</p>';
  view.innerHTML = h;
}

function seriesSvg(points) {
  if (points.length < 2) return '<p>No readings yet: the series starts when the controller has read the counts.</p>';
  const W = 760, H = 160, L = 70, B = 24, T = 10;
  const t0 = Date.parse(points[0].at), t1 = Date.parse(points[points.length - 1].at);
  const yMax = Math.max(1, ...points.map(p => p.offline));
  const x = t => L + (t - t0) / Math.max(1, t1 - t0) * (W - L - 10);
  const y = v => T + (H - T - B) * (1 - v / yMax);
  const path = points.map((p, i) => (i ? 'L' : 'M') + x(Date.parse(p.at)).toFixed(1) + ' ' + y(p.offline).toFixed(1)).join(' ');
  const hhmm = t => when(new Date(t).toISOString()).substring(11, 16) + ' ' + when(new Date(t).toISOString()).substring(20);
  return `<svg class="offline-series" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-size="11">
    <line x1="${L}" y1="${H - B}" x2="${W - 10}" y2="${H - B}" stroke="#333"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#333"/>
    <text x="${L - 4}" y="${T + 8}" text-anchor="end">${n(yMax)}</text><text x="${L - 4}" y="${H - B}" text-anchor="end">0</text>
    <text x="${L}" y="${H - 6}">${hhmm(t0)}</text><text x="${W - 10}" y="${H - 6}" text-anchor="end">${hhmm(t1)}</text>
    <path d="${path}" fill="none" stroke="#c0392b" stroke-width="2"/></svg>`;
}

async function cluster(ns, name) {
  const c = await get(`/api/v1/clusters/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`);
  let h = `<h1>${esc(c.name)} <small>${esc(c.namespace)} · ${esc(c.region)}</small> ${clusterHealth(c)}</h1>
    ${c.countsCurrent === false
      ? `<p class="problem">Device counts unknown${c.unknownBecause ? ' (' + esc(c.unknownBecause) + ')' : ''}; ${esc(lastRead(c))}, not current.</p>`
      : `<p>${n(c.devices.connected)} of ${n(c.devices.expected)} devices connected, <strong>${n(c.devices.offline)} offline</strong>; ${c.staticCounts ? 'static counts (spec.signals.static)' : 'signal ' + age(c.signalAgeSeconds)}.</p>`}`;
  if (c.run) h += `<p class="run"><strong>Run:</strong> ${runCell(c)}; no other run takes this cluster ${c.run.role === 'settling' ? 'before its counts have settled' : 'until that one ends'}.</p>`;
  for (const k of c.conditions.filter(k => k.status === 'True' || k.type === 'Ready' || (k.type === 'Outage' && k.reason === 'Silenced'))) {
    h += `<p><strong>${esc(k.type)}</strong> ${esc(k.status)} (${esc(k.reason)}): ${esc(k.message)}</p>`;
  }
  // The status is written only when the counts change: while they are current, the last reading holds until now.
  const last = c.series.length ? c.series[c.series.length - 1] : null;
  const series = last && c.countsCurrent !== false && c.generatedAt && Date.parse(c.generatedAt) > Date.parse(last.at)
    ? c.series.concat([Object.assign({}, last, {at: c.generatedAt})]) : c.series;
  h += `<h2>Devices offline, last hours</h2>${seriesSvg(series)}`;
  // The newest record may say the decision below is no longer current: the outage ended, or its counts cannot be read.
  const latest = c.decisions.length ? c.decisions[0] : null;
  const over = latest && (latest.action === 'Recovered' || latest.action === 'SignalLost') ? latest : null;
  // A run holds the cluster's devices away: the policy does not decide on it meanwhile (docs/policies.md, 7).
  const away = c.conditions.find(k => k.type === 'Outage' && k.status === 'True' && k.reason === 'DevicesMovedOut');
  h += over || (away && c.decision) ? '<h2>Last decision</h2>' : '<h2>Current decision</h2>';
  if (over) {
    h += `<p class="stale-decision problem">${over.action === 'Recovered' ? 'The outage has ended' : 'The policy stopped deciding'} (${esc(over.action)} at ${when(over.time)}): the decision below is not current. ${esc(over.explanation)}</p>`;
  } else if (away && c.decision) {
    h += `<p class="stale-decision problem">The policy does not decide while a run has this cluster's devices moved out (Outage: DevicesMovedOut); it decides again once they are back and counted: the decision below is from before, not current.</p>`;
  }
  if (c.decision) {
    const d = c.decision;
    h += `<p class="recommendation">Policy ${esc(d.namespace)}/${esc(d.policy)} at ${when(d.time)}: <strong>${esc(d.recommendation)}</strong>${d.target ? ' to ' + esc(d.target) : ''} (${esc(d.action)}${d.blockedBy ? ', blocked by ' + esc(d.blockedBy) : ''})</p>
      <div id="chart"></div><p class="explanation">${esc(d.explanation)}</p>`;
    if (d.turnsWith) h += `<p class="turns"><strong>Turns with:</strong> ${esc(d.turnsWith)}</p>`;
    if (c.chartProblem) h += `<p class="problem">${esc(c.chartProblem)}</p>`;
  } else {
    h += '<p>No policy has decided on this cluster.</p>';
  }
  h += `<h2>Decisions on ${esc(c.name)}</h2>` + decisionTable(c.decisions);
  view.innerHTML = h;
  if (c.chart) {
    const r = await fetch(`/api/v1/clusters/${encodeURIComponent(ns)}/${encodeURIComponent(name)}/chart.svg`);
    // Our own server's SVG, drawn from numbers (its text is XML-escaped there).
    if (r.ok) document.getElementById('chart').innerHTML = await r.text();
  }
}

function decisionTable(ds) {
  if (!ds.length) return '<p>None yet.</p>';
  return '<table class="decisions"><tr><th>time</th><th>policy</th><th>cluster</th><th>recommendation</th><th>action</th><th class="num">break-even</th><th>explanation</th></tr>' +
    ds.map(d => `<tr class="decision"><td>${when(d.time)}</td><td>${esc(d.namespace)}/${esc(d.policy)}</td>
      <td><a href="#/cluster/${encodeURIComponent(d.namespace)}/${encodeURIComponent(d.cluster)}">${esc(d.cluster)}</a></td>
      <td>${esc(d.recommendation)}${d.target ? ' → ' + esc(d.target) : ''}</td><td>${esc(d.action)}${d.blockedBy ? ' (' + esc(d.blockedBy) + ')' : ''}</td>
      <td class="num">${d.breakEvenMinutes == null ? '–' : '+' + dur(d.breakEvenMinutes * 60)}</td>
      <td>${esc(d.explanation)}${d.turnsWith ? '<br><small class="turns">Turns with: ' + esc(d.turnsWith) + '</small>' : ''}</td></tr>`).join('') + '</table>';
}

async function decisions() {
  const d = await get('/api/v1/decisions');
  view.innerHTML = '<h1>Decisions, newest first</h1>' + decisionTable(d.decisions);
}

/**
 * A run that waits (Pending, for an approval, a failback waiting for its source, a Failed run holding its clusters) says why in
 * the row, not only on hover: the approval's row had none, though it is the one a person must act on (its message names the command).
 */
function waits(x) {
  return !!x.message && (x.phase === 'Pending' || x.phase === 'AwaitingApproval' || (x.reason || '').startsWith('Waiting')
    || x.reason === 'FailbackStopped');
}

async function runs() {
  const r = await get('/api/v1/runs');
  let h = '<h1>Runs, newest first</h1>';
  if (!r.runs.length) { view.innerHTML = h + '<p>No runs.</p>'; return; }
  // Started and ended by the controller's clock (a run's creation is the API server's, which a sped-up world does not share);
  // the phase says why a run waits.
  h += '<table><tr><th>run</th><th>mode</th><th>playbook</th><th>source → target</th><th>phase</th><th>step</th><th>started</th><th>ended</th></tr>' +
    r.runs.map(x => `<tr class="run"><td><a href="#/run/${encodeURIComponent(x.namespace)}/${encodeURIComponent(x.name)}">${esc(x.namespace)}/${esc(x.name)}</a></td>
      <td>${esc(x.mode)}</td><td>${esc(x.playbook)}</td><td>${esc(x.source)} → ${esc(x.target || '?')}</td>
      <td title="${esc(x.message || '')}">${esc(x.phase)}${x.reason && x.reason !== x.phase ? ' <small>(' + esc(x.reason) + ')</small>' : ''}${waits(x) ? '<br><small class="why">' + esc(x.message) + '</small>' : ''}</td>
      <td>${esc(x.currentStep || '')}${x.currentWave ? ' wave ' + x.currentWave : ''}</td><td>${x.startedAt ? when(x.startedAt) : '–'}</td><td>${x.finishedAt ? when(x.finishedAt) : '–'}</td></tr>`).join('') + '</table>';
  view.innerHTML = h;
}

function timelineSvg(t, nowSeconds) {
  const steps = t.steps;
  if (!steps.length) return '<p>No plan yet.</p>';
  // A step the run left unfinished ends where it was undone, or where the run ended, or (still running) now.
  const stopped = t.finishedSeconds != null ? t.finishedSeconds : nowSeconds;
  let end = Math.max(1, t.plannedSeconds, stopped || 0);
  for (const s of steps) {
    end = Math.max(end, s.actualEndSeconds || 0, s.actualStartSeconds || 0, s.undoneAtSeconds || 0);
    for (const w of s.waves) end = Math.max(end, w.actualAtSeconds || 0);
  }
  const W = 900, L = 150, row = 34, H = steps.length * row + 40;
  const x = s => L + s / end * (W - L - 20);
  let g = '';
  steps.forEach((s, i) => {
    const y = 10 + i * row;
    g += `<g class="step" data-step="${esc(s.name)}" data-state="${esc(s.state)}"><text x="4" y="${y + 15}">${esc(s.name)} (${esc(s.kind)})</text>
      <rect class="planned" x="${x(s.plannedStartSeconds)}" y="${y + 2}" width="${Math.max(2, x(s.plannedStartSeconds + s.plannedSeconds) - x(s.plannedStartSeconds))}" height="9" fill="#c9d6e8"><title>planned ${dur(s.plannedSeconds)}</title></rect>`;
    if (s.actualStartSeconds != null) {
      const e = s.actualEndSeconds != null ? s.actualEndSeconds : s.undoneAtSeconds != null ? s.undoneAtSeconds : stopped != null ? stopped : end;
      g += `<rect class="actual" x="${x(s.actualStartSeconds)}" y="${y + 13}" width="${Math.max(2, x(e) - x(s.actualStartSeconds))}" height="9" fill="${s.state === 'Failed' ? '#c0392b' : s.state === 'Undone' ? '#b9770e' : '#1f5fbf'}"><title>${esc(s.state)}</title></rect>`;
    }
    if (s.undoneAtSeconds != null) {
      // Where the step was undone (a rollback, or a drill's set-back once every device was home): a bar that
      // ended Succeeded earlier must not read as still in force.
      const u = x(s.undoneAtSeconds), m = y + 17;
      g += `<polygon class="undone" points="${u},${m - 6} ${u + 6},${m} ${u},${m + 6} ${u - 6},${m}" fill="#b9770e"><title>undone at +${dur(s.undoneAtSeconds)}</title></polygon>`;
    }
    for (const w of s.waves) {
      g += `<line class="wave planned-wave" data-wave="${w.wave}" x1="${x(w.plannedAtSeconds)}" x2="${x(w.plannedAtSeconds)}" y1="${y}" y2="${y + 12}" stroke="#555"><title>wave ${w.wave} planned: ${w.percent}%</title></line>`;
      if (w.actualAtSeconds != null) {
        g += `<circle class="wave actual-wave" data-wave="${w.wave}" cx="${x(w.actualAtSeconds)}" cy="${y + 17}" r="4" fill="#0b3d91"><title>wave ${w.wave} applied ${esc(w.appliedAt)}</title></circle>`;
      }
    }
    g += '</g>';
  });
  g += `<text x="${L}" y="${H - 8}" font-size="11">start</text><text x="${W - 20}" y="${H - 8}" font-size="11" text-anchor="end">+${dur(end)}</text>`;
  return `<svg class="timeline" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-size="12">${g}</svg>
    <p><small>Upper bars: planned; lower bars: what happened. Ticks: waves as planned; dots: waves as applied; diamonds: where a step was undone.</small></p>`;
}

// A stop condition's test in words: "offlineRatioAbove 0.05 (Target)".
function stopRule(c) {
  if (!c) return '';
  return Object.entries(c).filter(([k, v]) => k !== 'name' && v != null).map(([k, v]) => k + ' ' + (typeof v === 'object' ? JSON.stringify(v) : v)).join(', ');
}

async function run(ns, name) {
  const r = await get(`/api/v1/runs/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`);
  let h = `<h1>${esc(r.mode)} run ${esc(r.namespace)}/${esc(r.name)} <small>${esc(r.phase)}</small></h1>
    <p>${esc(r.playbook)}: ${esc(r.source)} → ${esc(r.target || '?')}. ${esc(r.message || '')}</p>
    <h2>Timeline: planned against actual</h2>${timelineSvg(r.timeline, r.timeline.startedAt && r.generatedAt ? (Date.parse(r.generatedAt) - Date.parse(r.timeline.startedAt)) / 1000 : null)}
    <h2>Stop conditions</h2>`;
  const stopState = {Fired: '<strong>fired</strong>', NotFired: 'not fired', NotEvaluated: 'not evaluated'};
  h += r.stopConditions.length ? '<ul>' + r.stopConditions.map(s => `<li class="stop-condition" data-state="${esc(s.state)}">${stopState[s.state] || esc(s.state)} <strong>${esc(s.condition && s.condition.name)}</strong> ${esc(stopRule(s.condition))}${s.reading ? ': ' + esc(s.reading) : ''}</li>`).join('') + '</ul>' : '<p>None.</p>';
  if (r.stopConditionsFired && r.stopConditionsFired.length) h += `<p class="problem">Stop condition${r.stopConditionsFired.length > 1 ? 's' : ''} fired: ${esc(r.stopConditionsFired.join(', '))}</p>`;
  h += '<h2>Approvals</h2>' + (r.approvals.length ? '<ul>' + r.approvals.map(a => `<li class="approval">${esc(a.step)}: approved by <strong>${esc(a.by)}</strong> at ${when(a.at)}</li>`).join('') + '</ul>' : '<p>None.</p>');
  h += '<h2>Commands</h2>' + (r.abortWarning ? `<p class="problem abort-warning">${esc(r.abortWarning)}</p>` : '') + r.commands.map((c, i) => `<div class="command"><code id="cmd${i}">${esc(c)}</code><button data-copy="cmd${i}">copy</button></div>`).join('');
  h += `<h2>Report</h2><pre class="report">${esc(r.report)}</pre>`;
  view.innerHTML = h;
  for (const b of view.querySelectorAll('button[data-copy]')) {
    b.addEventListener('click', () => {
      const text = document.getElementById(b.dataset.copy).textContent;
      if (navigator.clipboard) navigator.clipboard.writeText(text).then(() => { b.textContent = 'copied'; }, () => { b.textContent = 'select and copy'; });
    });
  }
}

const banner = document.getElementById('banner');
const status = document.getElementById('status');
const REFRESH_MS = 10000;
let readAt = null; // when the page last read the controller (this browser's clock)
let failingSince = null;

// The global halt holds every run, a freeze window every new one of its modes: said on every page, with the way out.
async function control() {
  const c = await get('/api/v1/control');
  zone = c.zone || 'UTC';
  banner.innerHTML = controlBanner(c);
}

function controlBanner(c) {
  return (c.halt
    ? `<p class="halt">Halted by <strong>${esc(c.halt.by)}</strong> since ${when(c.halt.at)}${c.halt.reason ? ': ' + esc(c.halt.reason) : ''}. No run moves and no run starts until <code>failwise resume</code>.</p>`
    : '') + (c.freeze
    ? `<p class="freeze">Freeze window <strong>${esc(c.freeze.name)}</strong> is open until ${when(c.freeze.until)}: no ${esc(c.freeze.modes.join(' or ').toLowerCase())} run starts until then (runs already going go on; a policy's failover is blocked until it closes).</p>`
    : '');
}

function page(parts) {
  if (parts.length === 1 && (parts[0] === '' || parts[0] === 'fleet')) return fleet();
  if (parts[0] === 'cluster' && parts.length === 3) return cluster(parts[1], parts[2]);
  if (parts[0] === 'decisions' && parts.length === 1) return decisions();
  if (parts[0] === 'runs' && parts.length === 1) return runs();
  if (parts[0] === 'run' && parts.length === 3) return run(parts[1], parts[2]);
  return null;
}

// Draws the page the address names; on a refresh a controller that does not answer keeps the page and says so.
async function route(refresh) {
  try {
    await control();
    // A malformed address (#/run/ns/%E0%A4%A) is a page that does not exist, not a page left Loading.
    let parts;
    try {
      parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
    } catch (malformed) {
      parts = null;
    }
    const drawn = parts === null ? null : page(parts);
    if (drawn === null) {
      view.innerHTML = `<p class="problem">No such page: ${esc(location.hash)}. Pages: <a href="#/">fleet</a>, <a href="#/decisions">decisions</a>,`
        + ' <a href="#/runs">runs</a>, #/cluster/NAMESPACE/NAME, #/run/NAMESPACE/NAME.</p>';
    } else {
      await drawn;
    }
    readAt = Date.now();
    failingSince = null;
    document.body.dataset.loaded = location.hash || '#/';
  } catch (e) {
    const unreachable = e instanceof TypeError; // fetch itself failed: no answer at all
    if (refresh && unreachable && readAt !== null) {
      failingSince = failingSince || Date.now();
    } else {
      view.innerHTML = `<p class="problem">${esc(unreachable ? 'The controller does not answer: ' + e.message : e.message)}</p>`;
      document.body.dataset.loaded = 'error';
    }
  }
  showStatus();
}

function showStatus() {
  const ago = t => Math.max(0, Math.round((Date.now() - t) / 1000));
  if (failingSince !== null) {
    status.className = 'status problem';
    status.textContent = `The controller has not answered for ${ago(failingSince)} s: this page is what it said ${ago(readAt)} s ago.`;
  } else if (readAt !== null) {
    status.className = 'status';
    status.textContent = `Read ${ago(readAt)} s ago; read again every ${REFRESH_MS / 1000} s.`;
  }
}

window.addEventListener('hashchange', () => route(false));
// Read again on a timer, unless the person is selecting text to copy (a redraw would lose the selection).
setInterval(() => { if (String(window.getSelection()) === '') route(true); }, REFRESH_MS);
setInterval(showStatus, 1000);
route(false);

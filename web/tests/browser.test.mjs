// Browser tests: the built page in headless Chromium (Debian's), driven by
// playwright-core. Run by `./build-wasm.sh test` through CTest:
//   node web/tests/browser.test.mjs --root build/wasm/web --artifacts test-artifacts
//
// Each check prints "ok" or "not ok"; the last line counts them, and the exit
// status is non-zero if any failed. Screenshots land in --artifacts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { startServer } from '../serve.mjs';
import { check, finish } from './checks.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const root = resolve(arg('root', join(repo, 'build/wasm/web')));
const artifacts = resolve(arg('artifacts', join(repo, 'test-artifacts')));
mkdirSync(artifacts, { recursive: true });


// The least-squares reference that tests/reference/make_references.py
// computed with NumPy, read from the generated header.
function reference() {
  const text = readFileSync(join(repo, 'tests/reference/references.h'), 'utf8');
  const arr = (name) => text.match(new RegExp(`${name}\\[\\] = \\{([^}]*)\\}`))[1]
    .split(',').map(Number);
  const num = (name) => Number(text.match(new RegExp(`${name} = ([^;]*);`))[1]);
  return { coef: arr('housing_coef'), intercept: num('housing_intercept') };
}

// Share of pixels that differ from the most common colour: 0 for a blank canvas.
function nonBackgroundShare(pngBuffer) {
  const png = PNG.sync.read(pngBuffer);
  const counts = new Map();
  for (let i = 0; i < png.data.length; i += 4) {
    const key = (png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const total = png.width * png.height;
  return { share: 1 - Math.max(...counts.values()) / total, colours: counts.size };
}

const server = await startServer({ root });
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--use-angle=swiftshader',
         '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
});

const problems = [];
try {
  // A high-DPI screen: the canvas must render at twice its CSS size.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 },
                                             deviceScaleFactor: 2 });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));

  await page.goto(url);
  await page.waitForFunction(() => window.mlplay && window.mlplay.regressionState, null,
                             { timeout: 60000 });
  const nextFrames = (n) => page.evaluate((count) => new Promise((done) => {
    let left = count;
    const tick = () => (--left <= 0 ? done() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }), n);
  await nextFrames(10);

  // The canvas fills the window at device resolution.
  const size = await page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { w: c.width, h: c.height, cssW: c.clientWidth, cssH: c.clientHeight };
  });
  check('canvas fills the window', size.cssW === 1280 && size.cssH === 800,
        `${size.cssW}x${size.cssH}`);
  check('canvas is sharp on a 2x screen', size.w === 2560 && size.h === 1600,
        `${size.w}x${size.h}`);

  // It follows the browser window when that is resized.
  await page.setViewportSize({ width: 1000, height: 700 });
  await nextFrames(5);
  const resized = await page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { w: c.width, h: c.height, ui: window.mlplay.uiViewport() };
  });
  check('canvas and UI follow a window resize',
        resized.w === 2000 && resized.h === 1400 && resized.ui.width === 1000,
        `${resized.w}x${resized.h}, UI ${resized.ui.width}x${resized.ui.height}`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await nextFrames(5);

  // The CJK font arrives, and the column names draw with it.
  await page.waitForFunction(() => performance.getEntriesByType('resource')
    .some((e) => e.name.endsWith('DroidSansFallbackFull.ttf')), null, { timeout: 30000 });
  await nextFrames(10);
  const first = await page.screenshot();
  writeFileSync(join(artifacts, 'regression-lab.png'), first);
  const blank = nonBackgroundShare(first);
  check('the page draws a non-blank canvas', blank.share > 0.05 && blank.colours > 50,
        `${(blank.share * 100).toFixed(1)}% non-background, ${blank.colours} colours`);

  // The lab fitted the generated houses on start (QR); R^2 is high.
  const start = await page.evaluate(() => window.mlplay.regressionState());
  check('the lab starts fitted on 300 generated houses',
        start.fitted && start.nRows === 300 && start.nTrain === 225 && start.nTest === 75,
        JSON.stringify({ nRows: start.nRows, nTrain: start.nTrain, nTest: start.nTest }));
  check('UTF-8 column names survive into the page',
        JSON.stringify(start.featureNames) ===
          JSON.stringify(['面积', '卧室数量', '地理位置']),
        start.featureNames.join(','));
  check('QR fit explains the prices (R² test > 0.95)', start.r2Test > 0.95,
        `R² test ${start.r2Test.toFixed(4)}`);

  // Drive a gradient-descent fit with the mouse, as a person would.
  async function click(name) {
    const r = await page.evaluate((n) => window.mlplay.uiItemRect(n), name);
    if (!r) throw new Error(`no widget named ${name} was drawn`);
    const x = r.x + r.width / 2;
    const y = r.y + r.height / 2;
    await page.mouse.move(x, y);
    await nextFrames(2);
    await page.mouse.down();
    await nextFrames(2);
    await page.mouse.up();
    await nextFrames(2);
  }
  await click('Solver GD');
  await click('Fit');
  const during = await page.evaluate(() => window.mlplay.regressionState());
  check('Fit starts gradient descent', during.solver === 'gd', `solver ${during.solver}`);

  // Frames keep coming while it trains, a few epochs each: the loss curve
  // animates and the page does not freeze.
  const anim = await page.evaluate(() => new Promise((done) => {
    const epochs = [];
    const t0 = performance.now();
    const tick = () => {
      epochs.push(window.mlplay.regressionState().epochsDone);
      if (performance.now() - t0 < 1000) requestAnimationFrame(tick);
      else done(epochs);
    };
    requestAnimationFrame(tick);
  }));
  const rising = anim.filter((e, i) => i > 0 && e > anim[i - 1]).length;
  check('the page keeps drawing while training', anim.length >= 5,
        `${anim.length} frames in 1 s`);
  check('training advances frame by frame', rising >= 3 && anim[anim.length - 1] < 300,
        `epochs seen: ${anim.slice(0, 8).join(',')}...`);
  await page.screenshot({ path: join(artifacts, 'regression-training.png') });

  await page.waitForFunction(() => {
    const s = window.mlplay.regressionState();
    return !s.training && s.epochsDone > 0;
  }, null, { timeout: 60000 });
  const gd = await page.evaluate(() => window.mlplay.regressionState());
  check('gradient descent ran its 300 epochs', gd.epochsDone === 300, `${gd.epochsDone}`);
  check('gradient descent reaches R² test > 0.95', gd.r2Test > 0.95,
        `R² test ${gd.r2Test.toFixed(4)}, MSE test ${gd.mseTest.toFixed(1)}`);
  await nextFrames(5);
  await page.screenshot({ path: join(artifacts, 'regression-gd.png') });

  // The Workflow lab: open it, train the default (iris, logistic regression),
  // then load a user's CSV through the real file picker.
  await click('Workflow lab');
  await nextFrames(3);
  const wf0 = await page.evaluate(() => window.mlplay.workflowState());
  check('the Workflow lab starts on iris as a classification task',
        wf0.dataset === 'iris' && wf0.task === 'classification' &&
        wf0.model === 'logistic_regression', JSON.stringify(wf0).slice(0, 120));
  await click('Workflow train');
  await nextFrames(3);
  const wf1 = await page.evaluate(() => window.mlplay.workflowState());
  check('Train fits and evaluates on a stratified split',
        wf1.trained && wf1.nTest === 38 && wf1.metrics['accuracy test'] > 0.85,
        JSON.stringify(wf1.metrics));
  await page.screenshot({ path: join(artifacts, 'workflow-iris.png') });

  const chooser = page.waitForEvent('filechooser');
  await click('Open CSV');
  const picker = await chooser;
  const rows = ['size;colour;price'];
  for (let i = 0; i < 60; i++) rows.push(`${50 + i};${['red', 'blue'][i % 2]};${100 + 3 * i}`);
  await picker.setFiles({ name: 'prices.csv', mimeType: 'text/csv',
                          buffer: Buffer.from(rows.join('\n')) });
  await page.waitForFunction(() => window.mlplay.workflowState().dataset === 'prices.csv', null,
                             { timeout: 10000 });
  const wf2 = await page.evaluate(() => window.mlplay.workflowState());
  check('a CSV from the file picker loads, with its task inferred',
        wf2.rows === 60 && wf2.target === 'price' && wf2.task === 'regression',
        JSON.stringify(wf2).slice(0, 160));
  await click('Workflow train');
  await nextFrames(3);
  const wf3 = await page.evaluate(() => window.mlplay.workflowState());
  check('its text column is one-hot encoded by the suggested preprocessing',
        wf3.trained && wf3.preprocess === 'onehot' && wf3.features.includes('colour_red') &&
        wf3.metrics['R² test'] > 0.99, JSON.stringify(wf3).slice(0, 200));

  // Type a broken spec with the keyboard: training refuses it and keeps the
  // model trained before.
  await click('Workflow preprocess spec');
  // ImGui reads key state once a frame: hold each key across frames.
  await page.keyboard.down('Control');
  await nextFrames(2);
  await page.keyboard.down('a');
  await nextFrames(2);
  await page.keyboard.up('a');
  await page.keyboard.up('Control');
  await nextFrames(2);
  await page.keyboard.type('scale:bogus');
  await nextFrames(3);
  await click('Workflow train');
  await nextFrames(3);
  const wf4 = await page.evaluate(() => window.mlplay.workflowState());
  check('a bad preprocessing spec is refused and the trained model kept',
        wf4.trained && wf4.preprocess === 'scale:bogus' && /bogus/.test(wf4.error) &&
        wf4.metrics['R² test'] === wf3.metrics['R² test'], wf4.error);
  await click('Workflow columns tab');
  await nextFrames(3);
  await page.screenshot({ path: join(artifacts, 'workflow-columns.png') });
  await click('Regression lab');
  await nextFrames(2);

  // The JS API, from the page: least squares on all 300 houses equals the
  // NumPy reference.
  const ref = reference();
  const api = await page.evaluate(() => {
    const ml = window.mlplay;
    const ds = ml.Dataset.makeHousing(300, 15, 42);
    const lr = new ml.LinearRegression();
    lr.fit(ds, '售价');
    const out = { coef: Array.from(lr.coefficients()), intercept: lr.intercept() };
    const { train, test } = ml.trainTestSplit(ds, 0.25, 42, true);
    const lr2 = new ml.LinearRegression();
    lr2.fit(train, '售价');
    out.r2 = lr2.score(test, '售价');
    out.sizes = [train.nRows(), test.nRows()];
    [ds, lr, train, test, lr2].forEach((o) => o.delete());
    return out;
  });
  const close = (a, b) => Math.abs(a - b) <= 1e-7 * Math.max(1, Math.abs(b));
  check('JS API coefficients equal numpy.linalg.lstsq',
        api.coef.every((c, i) => close(c, ref.coef[i])) && close(api.intercept, ref.intercept),
        `${api.coef.map((c) => c.toFixed(6)).join(', ')}; ${api.intercept.toFixed(6)}`);
  check('JS API split and score', api.sizes[0] === 225 && api.sizes[1] === 75 && api.r2 > 0.95,
        `R² ${api.r2.toFixed(4)}`);

  // Any model of the registry, through the generic Model class.
  const generic = await page.evaluate(() => {
    const ml = window.mlplay;
    const out = { models: ml.models().map((m) => m.name) };
    const iris = ml.Dataset.builtin('iris');
    const moons = ml.Dataset.builtin('moons', { rows: 300, noise: 0.2, seed: 3 });
    out.moonsRows = moons.nRows();
    out.describe = iris.describe()[0];
    const { train, test } = ml.trainTestSplit(iris, 0.25, 42, true);
    const m = ml.Model.create('logistic_regression');
    m.setParams({ C: 10, max_iter: 500 });
    m.fit(train, 'target');
    out.accuracy = m.score(test, 'target');
    const pred = m.predict(test);
    const proba = m.predictProba(test);
    out.probaShape = [proba.rows, proba.cols];
    out.report = ml.classificationReport(Array.from(test.column('target')), Array.from(pred));
    out.cv = m.crossValidate(iris, 'target', 5, -1).mean;
    out.grid = m.gridSearch(iris, 'target', { C: [0.01, 1] }, 5).map((r) => r.rank);
    const copy = ml.Model.fromJSON(m.toJSON());
    out.same = Array.from(copy.predict(test)).every((v, i) => v === pred[i]);
    try { ml.Model.create('forest'); } catch (e) { out.unknown = e.message; }
    [iris, moons, train, test, m, copy].forEach((o) => o.delete());
    return out;
  });
  // Metrics from JS, on vectors whose scikit-learn values are known:
  // roc_auc_score([0,0,1,1], [.1,.4,.35,.8]) = 0.75; adjusted_rand_score(
  // [0,0,1,1], [1,1,0,0]) = 1; log_loss([0,1], [[.9,.1],[.2,.8]]) = 0.164252 (our
  // probabilities are float32, so to 1e-7).
  const metricsJs = await page.evaluate(() => {
    const ml = window.mlplay;
    return {
      auc: ml.rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]).auc,
      ari: ml.adjustedRandScore([0, 0, 1, 1], [1, 1, 0, 0]),
      logLoss: ml.logLoss([0, 1], [0.9, 0.1, 0.2, 0.8], 2),
      silhouette: ml.silhouetteScore([0, 0, 0, 1, 10, 10, 10, 11], 2, [0, 0, 1, 1]),
    };
  });
  check('classification and clustering metrics from JS match scikit-learn',
        Math.abs(metricsJs.auc - 0.75) < 1e-12 && metricsJs.ari === 1 &&
        Math.abs(metricsJs.logLoss - 0.164252033486018) < 1e-7 && metricsJs.silhouette > 0.8,
        JSON.stringify(metricsJs));
  // Preprocessing from JS: learned on the training rows, applied to the test
  // rows unchanged (the test rows' own mean is not used).
  const pre = await page.evaluate(() => {
    const ml = window.mlplay;
    const train = ml.Dataset.fromCSV('x,y\n1,0\n2,1\n3,0\n,1\n');
    const test = ml.Dataset.fromCSV('x,y\n100,0\n,1\n');
    const p = ml.Pipeline.parse('impute:mean,scale:standard');
    const t = p.fitTransform(train, 'y');
    const out = { train: Array.from(t.column('x')), test: Array.from(p.transform(test).column('x')),
                  spec: p.spec(), steps: p.report().steps.length };
    try { ml.Pipeline.parse('scale:bogus'); } catch (e) { out.bad = e.message; }
    [train, test, p, t].forEach((o) => o.delete());
    return out;
  });
  // Training x = 1, 2, 3, (mean 2): mean 2, population std sqrt(0.5).
  const z = (v) => (v - 2) / Math.sqrt(0.5);
  check('a pipeline learns from the training rows and applies that to other rows',
        Math.abs(pre.test[0] - z(100)) < 1e-4 && Math.abs(pre.test[1]) < 1e-6 &&
        Math.abs(pre.train[0] - z(1)) < 1e-5 && pre.steps === 2 && /bogus/.test(pre.bad),
        JSON.stringify(pre));
  const splits = await page.evaluate(() => {
    const ml = window.mlplay;
    const iris = ml.Dataset.builtin('iris');
    const s3 = ml.trainValTestSplit(iris, 0.2, 0.2, 1, 'target');
    const counts = (ds) => [0, 1, 2].map((c) => ds.column('target').filter((v) => v === c).length);
    const out = { train: counts(s3.train), val: counts(s3.validation), test: counts(s3.test) };
    out.folds = ml.kFold(10, 3, -1).map((f) => Array.from(f.test));
    [iris, s3.train, s3.validation, s3.test].forEach((o) => o.delete());
    return out;
  });
  check('stratified train/validation/test split and k-fold from JS',
        splits.test.join() === '10,10,10' && splits.val.join() === '10,10,10' &&
        splits.train.join() === '30,30,30' &&
        JSON.stringify(splits.folds) === '[[0,1,2,3],[4,5,6],[7,8,9]]', JSON.stringify(splits));
  check('the JS API lists the models', generic.models.includes('logistic_regression'),
        generic.models.join(', '));
  check('built-in datasets take generator options', generic.moonsRows === 300);
  check('Dataset.describe gives kinds and missing counts',
        generic.describe.kind === 'numeric' && generic.describe.missing === 0,
        JSON.stringify(generic.describe));
  check('a classifier trains and scores through Model',
        generic.accuracy > 0.9 && generic.probaShape.join() === '38,3' &&
        generic.report.labels.length === 3 && generic.report.counts.length === 9,
        `accuracy ${generic.accuracy}`);
  check('cross-validation and grid search from JS', generic.cv > 0.9 &&
        generic.grid.length === 2, `cv ${generic.cv}, ranks ${generic.grid}`);
  check('a model saved as JSON predicts the same after loading', generic.same);
  check('an unknown model name throws', /no model named "forest"/.test(generic.unknown || ''),
        generic.unknown);

  // Errors become JS Errors that name the problem; nothing leaks.
  const errors = await page.evaluate(() => {
    const ml = window.mlplay;
    const out = {};
    try { ml.Dataset.fromCSV('a,b\n1,2\n3,abc\n'); } catch (e) { out.csv = e.message; }
    const ds = ml.Dataset.fromCSV('面积,售价\n1,2\n2,4\n3,6\n');
    const lr = new ml.LinearRegression();
    try { lr.fit(ds, 'price'); } catch (e) { out.column = e.message; }
    try { lr.setParams({ learning_rate: -3 }); } catch (e) { out.param = e.message; }
    try { lr.setParams({ solver: 'svd' }); } catch (e) { out.choice = e.message; }
    ds.delete();
    lr.delete();
    return out;
  });
  check('a bad CSV throws an Error naming line and column',
        /line 3, column 2/.test(errors.csv || ''), errors.csv);
  check('an unknown target throws an Error listing the columns',
        /售价/.test(errors.column || ''), errors.column);
  check('a bad hyper-parameter throws', /learning_rate/.test(errors.param || ''), errors.param);
  check('an unknown choice throws and lists the choices', /qr, gd/.test(errors.choice || ''),
        errors.choice);

  const heap = await page.evaluate(() => {
    const ml = window.mlplay;
    const cycle = () => {
      const ds = ml.Dataset.makeHousing(200, 10, 1);
      const { train, test } = ml.trainTestSplit(ds, 0.3, 2, true);
      const lr = new ml.LinearRegression();
      lr.fit(train, '售价');
      lr.predict(test);
      try { ml.Dataset.fromCSV('a,b\n1,"' + 'y'.repeat(10000)); } catch (e) { /* expected */ }
      [ds, train, test, lr].forEach((o) => o.delete());
    };
    for (let i = 0; i < 50; i++) cycle();
    const before = ml.heapBytesInUse();
    for (let i = 0; i < 1000; i++) cycle();
    return { before, after: ml.heapBytesInUse() };
  });
  check('1000 create/fit/delete cycles leave the wasm heap as it was',
        heap.after <= heap.before, `${heap.before} -> ${heap.after} bytes in use`);

  // A bad file keeps what is loaded and trained.
  const kept = await page.evaluate(() => {
    const ml = window.mlplay;
    const before = ml.regressionState();
    const ok = ml.loadRegressionCSV('broken.csv', 'a,b\n1,"unterminated\n');
    const after = ml.regressionState();
    return { ok, before, after };
  });
  check('a bad CSV leaves the lab as it was',
        !kept.ok && kept.after.nRows === kept.before.nRows &&
        kept.after.coefficients.join() === kept.before.coefficients.join() &&
        /never closed/.test(kept.after.error), kept.after.error);
  await nextFrames(3);
  await page.screenshot({ path: join(artifacts, 'regression-error.png') });

  // The page fetched only its own files.
  const foreign = requested.filter((u) => !u.startsWith(url));
  check('no request leaves the page\'s own origin', foreign.length === 0, foreign.join(' '));
  check('no console errors', problems.length === 0, problems.join(' | '));
  await context.close();

  // At 100% zoom the canvas can be exactly the screen's size; the UI must
  // still fill it (Emscripten's GLFW once took that size as a fullscreen
  // request and left the UI at its old size).
  const flat = await browser.newContext({ viewport: { width: 1280, height: 720 },
                                          screen: { width: 1280, height: 720 } });
  const flatPage = await flat.newPage();
  flatPage.on('pageerror', (e) => problems.push(`1x page: ${e.message}`));
  await flatPage.goto(url);
  await flatPage.waitForFunction(() => window.mlplay && window.mlplay.uiViewport, null,
                                 { timeout: 60000 });
  await flatPage.waitForTimeout(500);
  const vp = await flatPage.evaluate(() => window.mlplay.uiViewport());
  check('the UI fills a screen-sized canvas at 1x', vp.width === 1280 && vp.height === 720,
        `${vp.width}x${vp.height}`);
  await flat.close();

  // The JS API from a plain <script type="module">, without the playground.
  const plain = await browser.newPage();
  plain.on('pageerror', (e) => problems.push(`api example: ${e.message}`));
  await plain.goto(`${url}examples/api.html`);
  await plain.waitForFunction(() => window.mlplayExample, null, { timeout: 30000 });
  const ex = await plain.evaluate(() => window.mlplayExample);
  const out = await plain.textContent('#out');
  check('the API example runs from a plain module script',
        ex.r2 > 0.95 &&
          /course table: 4 rows, columns 面积, 卧室数量, 地理位置, 售价/.test(out),
        out.split('\n')[0]);
  check('the API example predicts a plausible price', ex.price > 300 && ex.price < 450,
        ex.price.toFixed(1));
  await plain.screenshot({ path: join(artifacts, 'api-example.png') });
  await plain.close();
  check('no page errors in the API example', problems.length === 0, problems.join(' | '));
} catch (err) {
  check('browser test ran to the end', false, err.stack || String(err));
  if (problems.length) console.log(problems.join('\n'));
} finally {
  await browser.close();
  server.close();
}

finish();

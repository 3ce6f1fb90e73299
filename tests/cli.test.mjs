// Tests of the native runner `mlplay` as a user calls it. Run by CTest:
//   node tests/cli.test.mjs path/to/mlplay
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, finish } from '../web/tests/checks.mjs';

const runner = process.argv[2];
const run = (...args) => spawnSync(runner, args, { encoding: 'utf8' });

const datasets = run('datasets');
check('datasets lists the built-in tables', datasets.status === 0 &&
      /iris/.test(datasets.stdout) && /housing_generated/.test(datasets.stdout));

const models = run('models', '--json');
let list = [];
try { list = JSON.parse(models.stdout); } catch { /* checked below */ }
check('models --json lists models with typed parameters',
      models.status === 0 && list.length >= 1 && list[0].params.some((p) => p.name === 'solver'));

const fit = run('fit', '--data', 'housing_generated', '--json', '--seed', '7');
let out = {};
try { out = JSON.parse(fit.stdout); } catch { /* checked below */ }
check('fit --json prints one object with the documented keys',
      fit.status === 0 && out.model === 'linear_regression' && out.task === 'regression' &&
      out.n_train === 225 && out.n_test === 75 && out.metrics.r2_test > 0.95 &&
      typeof out.fit_seconds === 'number' && out.params.solver === 'qr', fit.stdout.trim());

const dir = mkdtempSync(join(tmpdir(), 'mlplay-cli-'));
const csv = join(dir, 'houses.csv');
const gen = run('generate', 'housing_generated', '--rows', '120', '--seed', '3');
writeFileSync(csv, gen.stdout);
const fromFile = run('fit', '--data', csv, '--target', '售价', '--param', 'solver=gd',
                     '--param', 'epochs=2000', '--json');
let fileOut = {};
try { fileOut = JSON.parse(fromFile.stdout); } catch { /* checked below */ }
check('fit reads a CSV file and takes --param', fromFile.status === 0 &&
      fileOut.params.solver === 'gd' && fileOut.metrics.r2_test > 0.9, fromFile.stderr.trim());

const cv = run('fit', '--data', 'iris', '--model', 'logistic_regression', '--cv', '5', '--json');
let cvOut = {};
try { cvOut = JSON.parse(cv.stdout); } catch { /* checked below */ }
check('fit --cv adds cross-validated scores', cv.status === 0 && cvOut.task === 'classification' &&
      cvOut.metrics.cv_mean > 0.85 && cvOut.metrics.cv_std >= 0 &&
      cvOut.metrics.accuracy_test > 0.85, cv.stdout.trim() || cv.stderr.trim());

const pre = run('fit', '--data', 'wine', '--model', 'logistic_regression', '--preprocess',
                'impute:median,scale:standard,select:kbest_f:5', '--cv', '5', '--json');
let preOut = {};
try { preOut = JSON.parse(pre.stdout); } catch { /* checked below */ }
check('fit --preprocess fits the pipeline on the training rows and reports it',
      pre.status === 0 && preOut.preprocess === 'impute:median,scale:standard,select:kbest_f:5' &&
      preOut.features.length === 5 && preOut.metrics.cv_mean > 0.85,
      pre.stdout.trim() || pre.stderr.trim());

const bad = [
  [['fit', '--data', 'wine', '--preprocess', 'scale:bogus'], /unknown method "bogus"/],
  [['fit', '--data', 'iris', '--model', 'logistic_regression', '--cv', '1'], /n_splits|fold/],
  [['fit'], /--data/],
  [['fit', '--data', 'no-such-file.csv'], /neither a readable file/],
  [['fit', '--data', 'housing', '--target', 'price'], /no column named "price"/],
  [['fit', '--data', 'housing_generated', '--model', 'forest'], /no model named "forest"/],
  [['fit', '--data', 'housing_generated', '--param', 'learning_rate=1e9'], /out of range/],
  [['fit', '--data', 'housing_generated', '--test-size', '2'], /test_size/],
  [['fit', '--data', 'housing_generated', '--bogus', '1'], /unknown option --bogus/],
  [['frobnicate'], /unknown command/],
];
for (const [args, pattern] of bad) {
  const r = run(...args);
  const lines = r.stderr.trim().split('\n');
  check(`'${args.join(' ')}' fails with exit 2 and one line`,
        r.status === 2 && lines.length === 1 && pattern.test(r.stderr), r.stderr.trim());
}

finish();

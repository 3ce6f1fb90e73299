// The smallest complete use of the mlplay JavaScript API.
import createMlplay from '../mlplay.js';

const ml = await createMlplay();

// The course's four houses, as a user's CSV would arrive.
const text = await (await fetch('../data/housing_data.csv')).text();
const table = ml.Dataset.fromCSV(text);

// Four rows are too few to split; 300 generated houses follow the same law.
const houses = ml.Dataset.makeHousing(300, 15, 42);
const { train, test } = ml.trainTestSplit(houses, 0.25, 42, true);

const model = new ml.LinearRegression();
model.fit(train, '售价');
const names = model.featureNames();
const coef = Array.from(model.coefficients());
const r2 = model.score(test, '售价');
const price = model.predictRow([120, 3, 2]); // 120 m², 3 bedrooms, district 2

const lines = [
  `course table: ${table.nRows()} rows, columns ${table.columnNames().join(', ')}`,
  `split: ${train.nRows()} training rows, ${test.nRows()} test rows`,
  ...names.map((n, i) => `  ${n}: ${coef[i].toFixed(3)}`),
  `  intercept: ${model.intercept().toFixed(3)}`,
  `R² on the test rows: ${r2.toFixed(4)}`,
  `predicted price of 120 m², 3 bedrooms, district 2: ${price.toFixed(1)}`,
];
document.getElementById('out').textContent = lines.join('\n');
window.mlplayExample = { coef, r2, price };

// Free the wasm memory behind each object.
[table, houses, train, test, model].forEach((o) => o.delete());

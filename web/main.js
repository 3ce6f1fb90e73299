// The playground page: starts the wasm app on the full-window canvas and
// makes its API available as window.mlplay (the same classes that
// mlplay.js exports, plus the playground's state for tests and embedding).
import createMlplayApp from './mlplay-app.js';

const MAX_FILE_BYTES = 200 * 1024 * 1024;

const canvas = document.getElementById('canvas');
const status = document.getElementById('status');

function showError(message) {
  status.textContent = message;
  status.classList.add('error');
  status.hidden = false;
}

canvas.addEventListener('contextmenu', (e) => e.preventDefault());
canvas.addEventListener('webglcontextlost', (e) => {
  e.preventDefault();
  showError('The graphics context was lost; reload the page to continue.');
});

// Dropping a CSV file onto the page loads it into the lab on screen. The
// file is read here, in the browser; nothing is uploaded.
// A user's file into the lab on screen, unless it is too large to handle.
async function loadFile(app, file) {
  if (file.size > MAX_FILE_BYTES) {
    console.warn(`mlplay: ${file.name} is ${(file.size / 1e6).toFixed(0)} MB; ` +
                 `the limit is ${MAX_FILE_BYTES / 1e6} MB`);
    return;
  }
  app.loadCSV(file.name, await file.text());
}

function enableDrop(app) {
  window.addEventListener('dragover', (e) => {
    e.preventDefault();
    document.body.classList.add('dragging');
  });
  window.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
  window.addEventListener('drop', async (e) => {
    e.preventDefault();
    document.body.classList.remove('dragging');
    const file = e.dataTransfer?.files?.[0];
    if (!file) return;
    await loadFile(app, file);
  });
}

// The lab's "Open CSV..." button calls this (in the click's user activation).
function enableFilePicker(app) {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.csv,.tsv,.txt,text/csv';
  input.hidden = true;
  document.body.append(input);
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    await loadFile(app, file);
  });
  window.mlplayOpenFile = () => input.click();
}

try {
  const app = await createMlplayApp({ canvas });
  window.mlplay = app;
  status.hidden = true;
  enableDrop(app);
  enableFilePicker(app);
  document.dispatchEvent(new CustomEvent('mlplay-ready'));
} catch (err) {
  showError(`mlplay could not start: ${err && err.message ? err.message : err}`);
  throw err;
}

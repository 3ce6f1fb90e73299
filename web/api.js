// Linked into every mlplay module with --post-js. The C++ side never throws:
// a failing call stores its message and returns a neutral value. Here every
// Embind function and method is wrapped so that message becomes a JS Error,
// and a neutral object returned alongside it is deleted, not leaked.
addOnPostRun(function mlplayWrapErrors() {
  var takeError = Module['takeError'];

  function releaseResult(r) {
    if (r && typeof r.delete === 'function' && !r.isDeleted()) r.delete();
  }

  function checked(fn) {
    return function () {
      var r = fn.apply(this, arguments);
      var message = takeError();
      if (message !== null) {
        releaseResult(r);
        throw new Error(message);
      }
      return r;
    };
  }

  function isEmbindClass(v) {
    return typeof v === 'function' && v.prototype && typeof v.prototype.isDeleted === 'function';
  }

  var skip = { delete: 1, isDeleted: 1, clone: 1, deleteLater: 1, isAliasOf: 1, constructor: 1 };
  Object.keys(Module).forEach(function (name) {
    var v = Module[name];
    if (name === 'takeError' || typeof v !== 'function') return;
    if (isEmbindClass(v)) {
      Object.getOwnPropertyNames(v.prototype).forEach(function (m) {
        if (!skip[m] && typeof v.prototype[m] === 'function') {
          v.prototype[m] = checked(v.prototype[m]);
        }
      });
      Object.getOwnPropertyNames(v).forEach(function (m) {
        var s = v[m];
        if (typeof s === 'function' && typeof s.argCount === 'number') v[m] = checked(s);
      });
    } else if (typeof v.argCount === 'number') {
      Module[name] = checked(v);
    }
  });

  // Optional trailing arguments, which Embind cannot express.
  var rawBuiltin = Module['Dataset'] && Module['Dataset']['builtin'];
  if (rawBuiltin) {
    Module['Dataset']['builtin'] = function (name, options) {
      return rawBuiltin(name, options === undefined ? {} : options);
    };
  }
});

// mlplay bindings: helpers shared by the API bindings and the playground's
// own Embind functions.
#pragma once

#include <string>

namespace mlplay::js {

// Records an error for the JS wrapper (api.js) to throw after the call.
void set_error(std::string message);

} // namespace mlplay::js

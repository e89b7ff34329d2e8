#include "resources_init.h"

#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside any namespace.
static void register_parallel_lab_resources() {
    Q_INIT_RESOURCE(parallel_lab);
}

namespace plab::ui {

void init_resources() {
    static const bool done = (register_parallel_lab_resources(), true);
    (void)done;
}

}  // namespace plab::ui

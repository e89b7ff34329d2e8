#include "mpi_status.h"

#include "mpi/mpi_launch.h"

namespace plab::ui {

std::string mpi_problem() {
    ExperimentSpec spec;
    spec.strategy = Strategy::MpiMap;
    return mpi::availability_problem(spec);
}

}  // namespace plab::ui

// Whether this machine can run the mpi_ strategies, asked of the engine's own check. Apart
// from the Qt files: mpi_launch.h names a field `slots`, which Qt's keywords would rewrite.
#pragma once

#include <string>

namespace plab::ui {

/// Why the mpi_ strategies cannot run here, in the engine's one line
/// (mpi::availability_problem for mpi_map with the default mpirun), or "" when they can.
/// Reads PATH, $PLAB_MPI_MODULE and the file system each call; never throws.
std::string mpi_problem();

}  // namespace plab::ui

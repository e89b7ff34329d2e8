# Run by CPack on the staged files before it builds the package (CPACK_PRE_BUILD_SCRIPTS):
# man pages and the changelog are compressed, as Debian's policy asks (gzip -9n: reproducible).
find_program(PLAB_GZIP gzip REQUIRED)
file(GLOB_RECURSE plab_staged_docs LIST_DIRECTORIES false
     "${CPACK_TEMPORARY_DIRECTORY}/*/share/man/*"
     "${CPACK_TEMPORARY_DIRECTORY}/*/share/doc/parallel-lab/changelog")
foreach(doc IN LISTS plab_staged_docs)
  if(NOT doc MATCHES "\\.gz$" AND NOT IS_SYMLINK "${doc}")
    execute_process(COMMAND ${PLAB_GZIP} -9nf "${doc}" COMMAND_ERROR_IS_FATAL ANY)
  endif()
endforeach()

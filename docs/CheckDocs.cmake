# Fails when a committed reference page differs from the one ODS generates.
separate_arguments(GENERATED)
foreach(generated ${GENERATED})
  get_filename_component(name ${generated} NAME)
  set(committed ${COMMITTED}/${name})
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${generated} ${committed}
                  RESULT_VARIABLE differs)
  if(differs)
    message(FATAL_ERROR "docs/reference/${name} is out of date with ODS: run 'cmake --build build --target axt-docs' and commit the result")
  endif()
endforeach()
message(STATUS "docs/reference matches ODS")

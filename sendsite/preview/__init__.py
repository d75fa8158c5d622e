"""The live preview (`sendsite serve`): the server, the watcher and the incremental rebuild."""

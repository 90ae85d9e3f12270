# frozen_string_literal: true

# unicorn as applications deploy it: the app loaded once in the master, workers forked from it.
worker_processes 4
preload_app true
timeout 120
listen "127.0.0.1:#{ENV.fetch('UNICORN_PORT')}"

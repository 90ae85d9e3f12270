# frozen_string_literal: true

# Written by scripts/version.py from VERSION; do not edit.
module Fwpay
  VERSION = "0.2.0"
  # The SONAME of the library this version loads.
  LIBRARY_SONAME = "libfwpay.so.0.2"
end

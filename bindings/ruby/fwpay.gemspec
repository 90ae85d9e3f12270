# The fwpay gem: Flywire's Payments API from Ruby, over libfwpay (ruby-ffi).
require_relative "lib/fwpay/version"

# RubyGems packs the files it finds from the current directory: built from elsewhere (`gem build
# bindings/ruby/fwpay.gemspec` at the repository's root), the gem held none. The build then
# runs from this directory, as `gem build -C bindings/ruby` does (a relative -o is read from here).
Dir.chdir(__dir__) unless File.exist?("lib/fwpay.rb")

Gem::Specification.new do |spec|
  spec.name = "fwpay"
  spec.version = Fwpay::VERSION
  spec.summary = "Flywire's Payments API from Ruby, over the libfwpay C library"
  spec.description = "Orders, checkout sessions, pre-authorizations, captures, refunds and notifications " \
                     "of Flywire's Payments API, through libfwpay (which never moves money twice)."
  spec.authors = ["The fwpay authors"]
  spec.license = "MIT"
  spec.homepage = "https://github.com/fwpay/fwpay"
  spec.metadata = { "source_code_uri" => spec.homepage, "changelog_uri" => "#{spec.homepage}/blob/main/CHANGELOG.md" }
  spec.required_ruby_version = ">= 3.0"
  spec.files = Dir["lib/**/*.rb"]
  # `make packages` builds the platform gem (as nokogiri and sqlite3 ship): libfwpay and the
  # libraries it needs in lib/fwpay/native, for the platform FWPAY_GEM_PLATFORM names.
  if ENV["FWPAY_GEM_PLATFORM"]
    spec.platform = Gem::Platform.new(ENV["FWPAY_GEM_PLATFORM"])
    spec.files += Dir["lib/fwpay/native/*"]
  end
  spec.require_paths = ["lib"]
  spec.add_dependency "ffi", "~> 1.15"
end

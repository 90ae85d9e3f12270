import ArgumentParser
import FWPaySandbox
print("stub")

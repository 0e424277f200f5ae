import S2VMeterCLI

await S2VMeter.runFromCommandLine()

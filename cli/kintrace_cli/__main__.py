from kintrace_cli.main import main

main()

from docgen.faces.cli import main

main()

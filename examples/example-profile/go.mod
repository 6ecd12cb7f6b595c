module proflens.example/example-profile

go 1.19

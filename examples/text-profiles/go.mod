module proflens.example/text-profiles

go 1.19

module proflens.example/leaky-service

go 1.19

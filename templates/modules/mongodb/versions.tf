terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    # The 1.x line: its mongodbatlas_advanced_cluster takes replication_specs
    # as blocks (2.x moved them to attributes).
    mongodbatlas = {
      source  = "mongodb/mongodbatlas"
      version = "~> 1.41"
    }
  }
}
